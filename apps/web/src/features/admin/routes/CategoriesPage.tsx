import { useState, type ReactNode } from 'react';
import toast from 'react-hot-toast';
import { FiArrowDown, FiArrowUp, FiEdit2, FiPlus, FiTrash2 } from 'react-icons/fi';
import type { CategoryListResponse } from '@fatafat/contracts/catalog';
import { TEMPERATURES, TEMPERATURE_LABELS, type Temperature } from '@fatafat/contracts/floor-rules';
import { Button } from '@/components/ui/Button';
import { ErrorState } from '@/components/ui/ErrorState';
import { Sheet } from '@/components/ui/Sheet';
import { Skeleton } from '@/components/ui/Skeleton';
import { TextField } from '@/components/ui/TextField';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { confirmAction } from '../confirm';
import { errorMessage } from '@/lib/api';
import {
  useCategoriesQuery,
  useCreateCategoryMutation,
  useCreateSubcategoryMutation,
  useDeleteCategoryMutation,
  useDeleteSubcategoryMutation,
  useUpdateCategoryMutation,
  useUpdateSubcategoryMutation,
} from '../api/admin.api';
import { PageHeader } from '../components/AdminKit';
import { ImageInput } from '../components/ImageInput';

type Category = CategoryListResponse['items'][number];
type Sub = Category['subcategories'][number];

interface Editing {
  kind: 'category' | 'subcategory';
  id?: string;
  categoryId?: string;
  name: string;
  slug: string;
  imageUrl: string | null;
  /** Subcategories: where their products are kept on the floor. */
  temperature?: Temperature;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function EditDialog({ editing, onClose, count }: { editing: Editing | null; onClose: () => void; count: number }) {
  const [draft, setDraft] = useState<Editing | null>(editing);
  const [errors, setErrors] = useState<{ name?: string; slug?: string }>({});
  const [createCategory, c1] = useCreateCategoryMutation();
  const [updateCategory, c2] = useUpdateCategoryMutation();
  const [createSub, c3] = useCreateSubcategoryMutation();
  const [updateSub, c4] = useUpdateSubcategoryMutation();
  const busy = c1.isLoading || c2.isLoading || c3.isLoading || c4.isLoading;
  if (!draft) return null;
  const save = async () => {
    const next: typeof errors = {};
    if (!draft.name.trim()) next.name = 'is required';
    if (draft.slug && !SLUG.test(draft.slug)) next.slug = 'lower-case letters, digits and single dashes';
    setErrors(next);
    if (Object.keys(next).length) return;
    const body = { name: draft.name.trim(), ...(draft.slug ? { slug: draft.slug } : {}), imageUrl: draft.imageUrl };
    try {
      if (draft.kind === 'category') {
        if (draft.id) await updateCategory({ id: draft.id, patch: body }).unwrap();
        else await createCategory({ ...body, sortOrder: count }).unwrap();
      } else {
        const sub = { ...body, temperature: draft.temperature ?? 'ambient' };
        if (draft.id) await updateSub({ id: draft.id, patch: sub }).unwrap();
        else await createSub({ ...sub, categoryId: draft.categoryId!, sortOrder: count }).unwrap();
      }
      toast.success(draft.id ? 'Saved' : `${draft.kind === 'category' ? 'Category' : 'Subcategory'} created`);
      onClose();
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };
  const noun = draft.kind === 'category' ? 'category' : 'subcategory';
  return (
    <Sheet open onClose={onClose} title={draft.id ? `Edit ${noun}` : `New ${noun}`}>
      <form
        className="grid gap-4 p-5"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <TextField label="Name" autoFocus value={draft.name} error={errors.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        <TextField
          label="Slug"
          placeholder="made from the name"
          value={draft.slug}
          error={errors.slug}
          onChange={(e) => setDraft({ ...draft, slug: e.target.value })}
        />
        {draft.kind === 'subcategory' && (
          <fieldset>
            <legend className="mb-1.5 text-[13px] font-semibold">Kept on the floor</legend>
            <div className="flex rounded-lg bg-surface p-1">
              {TEMPERATURES.map((temp) => (
                <button
                  key={temp}
                  type="button"
                  aria-pressed={(draft.temperature ?? 'ambient') === temp}
                  onClick={() => setDraft({ ...draft, temperature: temp })}
                  className={`h-9 flex-1 rounded-md text-[13px] font-semibold ${(draft.temperature ?? 'ambient') === temp ? 'bg-white shadow-sm' : 'text-muted'}`}
                >
                  {TEMPERATURE_LABELS[temp]}
                </button>
              ))}
            </div>
          </fieldset>
        )}
        <div>
          <p className="mb-1.5 text-[13px] font-semibold">Image</p>
          <ImageInput label={`${noun} image`} value={draft.imageUrl} onChange={(imageUrl) => setDraft({ ...draft, imageUrl })} />
        </div>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Save
          </Button>
        </div>
      </form>
    </Sheet>
  );
}

export default function CategoriesPage() {
  useDocumentTitle('Categories · Admin');
  const { data, isLoading, isError, refetch } = useCategoriesQuery();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [updateCategory] = useUpdateCategoryMutation();
  const [updateSub] = useUpdateSubcategoryMutation();
  const [deleteCategory] = useDeleteCategoryMutation();
  const [deleteSub] = useDeleteSubcategoryMutation();

  const reorder = async (list: Array<Category | Sub>, index: number, delta: number, kind: 'category' | 'subcategory') => {
    const target = index + delta;
    if (target < 0 || target >= list.length) return;
    const next = [...list];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(target, 0, moved);
    try {
      // Every item gets its position, so ties left by earlier data cannot keep the old order.
      await Promise.all(
        next.map((item, i) =>
          kind === 'category' ? updateCategory({ id: item.id, patch: { sortOrder: i } }).unwrap() : updateSub({ id: item.id, patch: { sortOrder: i } }).unwrap(),
        ),
      );
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };

  const remove = async (kind: 'category' | 'subcategory', item: Category | Sub) => {
    const ok = await confirmAction({ title: `Delete ${item.name}?`, text: 'This cannot be undone.', confirmText: 'Delete' });
    if (!ok) return;
    try {
      await (kind === 'category' ? deleteCategory(item.id) : deleteSub(item.id)).unwrap();
      toast.success(`${item.name} deleted`);
    } catch (e) {
      // The API explains a 409 in words ("3 products use it"): show exactly that.
      toast.error(errorMessage(e), { duration: 6000 });
    }
  };

  const open = (e: Editing) => setEditing(e);

  return (
    <>
      <PageHeader
        title="Categories"
        subtitle="The shop's aisles, in the order shoppers see them"
        actions={
          <Button size="sm" onClick={() => open({ kind: 'category', name: '', slug: '', imageUrl: null })}>
            <FiPlus aria-hidden /> New category
          </Button>
        }
      />
      {isError ? (
        <ErrorState onRetry={() => void refetch()} />
      ) : isLoading || !data ? (
        <Skeleton className="h-80" />
      ) : (
        <ul className="grid gap-3">
          {data.map((cat, i) => (
            <li key={cat.id} className="rounded-[var(--radius-card)] border border-line bg-white" data-category={cat.slug}>
              <div className="flex items-center gap-3 px-4 py-3">
                <img src={cat.imageUrl ?? undefined} alt="" className="size-11 rounded-lg border border-line bg-surface object-cover" />
                <div className="min-w-0 flex-1">
                  <div className="font-semibold">{cat.name}</div>
                  <div className="text-[12px] text-muted">
                    /{cat.slug} · {cat.subcategories.length} subcategories
                  </div>
                </div>
                <div className="flex items-center gap-1">
                  <IconButton label={`Move ${cat.name} up`} disabled={i === 0} onClick={() => void reorder(data, i, -1, 'category')}>
                    <FiArrowUp />
                  </IconButton>
                  <IconButton label={`Move ${cat.name} down`} disabled={i === data.length - 1} onClick={() => void reorder(data, i, 1, 'category')}>
                    <FiArrowDown />
                  </IconButton>
                  <IconButton label={`Edit ${cat.name}`} onClick={() => open({ kind: 'category', id: cat.id, name: cat.name, slug: cat.slug, imageUrl: cat.imageUrl })}>
                    <FiEdit2 />
                  </IconButton>
                  <IconButton label={`Delete ${cat.name}`} danger onClick={() => void remove('category', cat)}>
                    <FiTrash2 />
                  </IconButton>
                  <Button
                    size="sm"
                    variant="outline"
                    className="ml-2"
                    onClick={() => open({ kind: 'subcategory', categoryId: cat.id, name: '', slug: '', imageUrl: null })}
                  >
                    <FiPlus aria-hidden /> Subcategory
                  </Button>
                </div>
              </div>
              {cat.subcategories.length > 0 && (
                <ul className="border-t border-line">
                  {cat.subcategories.map((sub, j) => (
                    <li key={sub.id} className="flex h-11 items-center gap-3 border-b border-line pr-4 pl-10 last:border-b-0">
                      <img src={sub.imageUrl ?? undefined} alt="" className="size-7 rounded-full border border-line bg-surface object-cover" />
                      <span className="flex-1 text-[14px]">
                        {sub.name} <span className="text-[12px] text-muted">/{sub.slug}</span>
                        {sub.temperature !== 'ambient' && (
                          <span className="ml-2 rounded-full bg-offer/10 px-2 py-0.5 text-[11px] font-semibold text-offer">{TEMPERATURE_LABELS[sub.temperature]}</span>
                        )}
                      </span>
                      <IconButton label={`Move ${sub.name} up`} disabled={j === 0} onClick={() => void reorder(cat.subcategories, j, -1, 'subcategory')}>
                        <FiArrowUp />
                      </IconButton>
                      <IconButton
                        label={`Move ${sub.name} down`}
                        disabled={j === cat.subcategories.length - 1}
                        onClick={() => void reorder(cat.subcategories, j, 1, 'subcategory')}
                      >
                        <FiArrowDown />
                      </IconButton>
                      <IconButton
                        label={`Edit ${sub.name}`}
                        onClick={() =>
                          open({ kind: 'subcategory', id: sub.id, categoryId: cat.id, name: sub.name, slug: sub.slug, imageUrl: sub.imageUrl, temperature: sub.temperature })
                        }
                      >
                        <FiEdit2 />
                      </IconButton>
                      <IconButton label={`Delete ${sub.name}`} danger onClick={() => void remove('subcategory', sub)}>
                        <FiTrash2 />
                      </IconButton>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {editing && (
        <EditDialog
          key={`${editing.kind}:${editing.id ?? 'new'}:${editing.categoryId ?? ''}`}
          editing={editing}
          count={editing.kind === 'category' ? (data?.length ?? 0) : (data?.find((c) => c.id === editing.categoryId)?.subcategories.length ?? 0)}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

function IconButton({ label, onClick, disabled, danger, children }: { label: string; onClick: () => void; disabled?: boolean; danger?: boolean; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className={`grid size-8 place-items-center rounded-lg disabled:opacity-30 ${danger ? 'text-danger hover:bg-danger-soft' : 'text-ink/70 hover:bg-surface'}`}
    >
      {children}
    </button>
  );
}
