import { useRef } from 'react';
import toast from 'react-hot-toast';
import { FiImage, FiX } from 'react-icons/fi';
import { errorMessage } from '@/lib/api';
import { useUploadMutation } from '../api/admin.api';

/** One image: upload, preview, remove. The value is the uploaded image's URL. */
export function ImageInput({ value, onChange, label }: { value: string | null; onChange: (url: string | null) => void; label: string }) {
  const [upload, { isLoading }] = useUploadMutation();
  const input = useRef<HTMLInputElement>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const result = await upload(file).unwrap();
      onChange(result.url);
    } catch (e) {
      toast.error(errorMessage(e, 'Upload failed'));
    }
    if (input.current) input.current.value = '';
  };
  return (
    <div className="flex items-center gap-3">
      <div className="relative size-16 shrink-0 overflow-hidden rounded-lg border border-line bg-surface">
        {value ? (
          <>
            <img src={value} alt="" className="size-full object-cover" />
            <button
              type="button"
              aria-label={`Remove ${label.toLowerCase()}`}
              onClick={() => onChange(null)}
              className="absolute top-0.5 right-0.5 grid size-5 place-items-center rounded-full bg-white/90 text-danger"
            >
              <FiX className="size-3" />
            </button>
          </>
        ) : (
          <FiImage className="absolute inset-0 m-auto size-6 text-muted" aria-hidden />
        )}
      </div>
      <label className="inline-flex h-8 cursor-pointer items-center rounded-[var(--radius-control)] border border-line px-3 text-[13px] font-semibold hover:bg-surface">
        {isLoading ? 'Uploading…' : value ? 'Replace image' : 'Upload image'}
        <input
          ref={input}
          type="file"
          accept="image/png,image/jpeg,image/webp,image/avif"
          className="sr-only"
          aria-label={label}
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </label>
    </div>
  );
}
