import type { BagLabel } from '@fatafat/contracts/floor';
import { Button } from '@/components/ui/Button';

/** One label per bag: order number, first name, bag n of m, the QR of the order id the rider scans. */
export function BagLabels({ label, onNext }: { label: BagLabel; onNext: () => void }) {
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(label.qrSvg)}`;
  return (
    <div className="grid gap-3 pb-24">
      <h1 className="text-[20px] font-bold">Packed · stick a label on each bag</h1>
      <ol className="grid gap-3" aria-label="Bag labels">
        {Array.from({ length: label.bags }, (_, i) => (
          <li key={i} className="flex items-center gap-4 rounded-xl border-2 border-dashed border-ink/30 bg-white p-4 print:break-inside-avoid">
            <img src={qr} alt={`QR code of order ${label.number}`} className="size-28 shrink-0" />
            <div>
              <p className="font-mono text-[20px] font-bold">{label.number}</p>
              <p className="text-[18px] font-semibold">{label.customerFirstName}</p>
              <p className="mt-1 inline-block rounded-md bg-ink px-2 py-0.5 text-[14px] font-bold text-white">
                Bag {i + 1} of {label.bags}
              </p>
            </div>
          </li>
        ))}
      </ol>
      <div className="fixed inset-x-0 bottom-0 flex gap-2 border-t border-line bg-white p-4 print:hidden">
        <Button variant="outline" size="lg" onClick={() => window.print()}>
          Print
        </Button>
        <Button size="lg" block onClick={onNext}>
          Next order
        </Button>
      </div>
    </div>
  );
}
