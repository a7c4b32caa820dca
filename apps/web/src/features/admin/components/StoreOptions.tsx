import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useStoresQuery } from '../api/admin.api';
import { SelectField, table } from './AdminKit';

/** The options of a store picker: a first "none chosen" option when it has a label, then every store by name. */
export function StoreOptions({ none }: { none?: string | undefined }) {
  const stores = useStoresQuery();
  return (
    <>
      {none !== undefined && <option value="">{none}</option>}
      {stores.data?.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </>
  );
}

/** The white card a table of the console sits in, scrolling sideways on a phone. */
export function TableFrame({ head, children }: { head: ReactNode; children: ReactNode }) {
  return (
    <div className="overflow-hidden rounded-[var(--radius-card)] border border-line bg-white">
      <div className={table.wrap}>
        <table className={table.table}>
          <thead>
            <tr>{head}</tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </div>
  );
}

/** The page's store filter in its header (admins): the `?store=` of the URL, replaced on change. */
export function StoreParamSelect({ value, none }: { value: string | undefined; none?: string }) {
  const [, setParams] = useSearchParams();
  return (
    <SelectField
      label="Store"
      hideLabel
      value={value ?? ''}
      onChange={(e) => setParams(e.target.value ? { store: e.target.value } : {}, { replace: true })}
      className="w-56"
    >
      <StoreOptions none={none} />
    </SelectField>
  );
}
