import { useRef } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useFieldArray, useForm, useWatch, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import toast from 'react-hot-toast';
import { z } from 'zod';
import { FiArrowLeft, FiArrowRight, FiImage, FiPlus, FiTrash2, FiX } from 'react-icons/fi';
import { Ean13, ProductCreate, ProductImage, VariantInput, type AdminProduct } from '@fatafat/contracts/catalog';
import { Button } from '@/components/ui/Button';
import { ErrorState } from '@/components/ui/ErrorState';
import { Skeleton } from '@/components/ui/Skeleton';
import { TextField } from '@/components/ui/TextField';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { confirmAction } from '../confirm';
import { errorMessage } from '@/lib/api';
import { fieldIssues } from '@/lib/api-form';
import {
  useAdminProductQuery,
  useCategoriesQuery,
  useCreateProductMutation,
  useDeleteProductMutation,
  useSaveProductMutation,
  useUploadMutation,
} from '../api/admin.api';
import { Card, PageHeader, SelectField, TextAreaField } from '../components/AdminKit';

const fields = ProductCreate.shape;
const variantFields = VariantInput.shape;
/** Rupees in the form, paise on the wire: people type "45.50", not 4550. */
const Rupees = z.coerce
  .number({ error: 'enter an amount' })
  .positive('must be more than 0')
  .max(10_000_000, 'is too large')
  .refine((v) => Number.isInteger(Math.round(v * 100)) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'at most two decimals');

const VariantRow = z
  .object({
    id: z.string().optional(),
    label: variantFields.label,
    sku: z.string().trim().max(64).optional(),
    barcode: z.union([z.literal(''), Ean13]).optional(),
    mrp: Rupees,
    price: Rupees,
    maxPerOrder: z.coerce.number().int().min(1, 'at least 1').max(100, 'at most 100'),
    isActive: z.boolean(),
  })
  .refine((v) => v.price <= v.mrp, { message: 'price must not exceed MRP', path: ['price'] });

/** The editor's form: the contract's product fields, with variants in rupees and tags as one line of text. */
const EditorSchema = z.object({
  name: fields.name,
  slug: z.union([z.literal(''), z.string().trim().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single dashes')]),
  brand: z.string().trim().max(100),
  category: z.string().min(1, 'choose a category'),
  subcategories: z.array(z.string()).max(10),
  description: z.string().max(5000),
  tags: z.string().max(1000),
  isActive: z.boolean(),
  images: z.array(ProductImage).max(12, 'at most 12 images'),
  variants: z.array(VariantRow).min(1, 'add at least one variant').max(20),
});
type EditorValues = z.input<typeof EditorSchema>;
type EditorOutput = z.output<typeof EditorSchema>;

const toPaise = (rupees: number) => Math.round(rupees * 100);

function defaults(product?: AdminProduct): EditorValues {
  if (!product) {
    return {
      name: '',
      slug: '',
      brand: '',
      category: '',
      subcategories: [],
      description: '',
      tags: '',
      isActive: true,
      images: [],
      variants: [{ label: '', sku: '', barcode: '', mrp: '' as unknown as number, price: '' as unknown as number, maxPerOrder: 10, isActive: true }],
    };
  }
  return {
    name: product.name,
    slug: product.slug,
    brand: product.brand,
    category: product.category.id,
    subcategories: product.subcategories.map((s) => s.id),
    description: product.description,
    tags: product.tags.join(', '),
    isActive: product.isActive,
    images: product.images,
    variants: product.variants.map((v) => ({
      id: v.id,
      label: v.label,
      sku: v.sku,
      barcode: v.barcode ?? '',
      mrp: v.mrp / 100,
      price: v.price / 100,
      maxPerOrder: v.maxPerOrder,
      isActive: v.isActive,
    })),
  };
}

function ImagesField({ value, onChange, error }: { value: z.infer<typeof ProductImage>[]; onChange: (v: z.infer<typeof ProductImage>[]) => void; error?: string | undefined }) {
  const [upload, { isLoading }] = useUploadMutation();
  const input = useRef<HTMLInputElement>(null);
  const onFiles = async (files: FileList | null) => {
    if (!files?.length) return;
    const added: z.infer<typeof ProductImage>[] = [];
    for (const file of Array.from(files)) {
      try {
        const result = await upload(file).unwrap();
        const best = result.files.find((f) => f.url === result.url) ?? result.files.at(-1);
        added.push({ url: result.url, width: best?.width ?? 800, height: best?.height ?? 800 });
      } catch (e) {
        toast.error(`${file.name}: ${errorMessage(e, 'upload failed')}`);
      }
    }
    onChange([...value, ...added]);
    if (input.current) input.current.value = '';
  };
  const move = (from: number, to: number) => {
    if (to < 0 || to >= value.length) return;
    const next = [...value];
    const [item] = next.splice(from, 1);
    if (item) next.splice(to, 0, item);
    onChange(next);
  };
  return (
    <div>
      <ul className="grid grid-cols-3 gap-3 sm:grid-cols-4" aria-label="Product images">
        {value.map((img, i) => (
          <li key={`${img.url}-${i}`} className="group relative overflow-hidden rounded-lg border border-line bg-surface">
            <img src={img.url} alt={img.alt ?? ''} className="aspect-square w-full object-contain" />
            {i === 0 && <span className="absolute top-1.5 left-1.5 rounded bg-ink/80 px-1.5 py-0.5 text-[10px] font-bold text-white">COVER</span>}
            <div className="absolute inset-x-0 bottom-0 flex justify-between bg-white/90 p-1">
              <button type="button" aria-label="Move image earlier" className="grid size-7 place-items-center rounded hover:bg-surface disabled:opacity-30" disabled={i === 0} onClick={() => move(i, i - 1)}>
                <FiArrowLeft />
              </button>
              <button type="button" aria-label="Remove image" className="grid size-7 place-items-center rounded text-danger hover:bg-danger-soft" onClick={() => onChange(value.filter((_, j) => j !== i))}>
                <FiX />
              </button>
              <button type="button" aria-label="Move image later" className="grid size-7 place-items-center rounded hover:bg-surface disabled:opacity-30" disabled={i === value.length - 1} onClick={() => move(i, i + 1)}>
                <FiArrowRight />
              </button>
            </div>
          </li>
        ))}
        <li>
          <label className="flex aspect-square cursor-pointer flex-col items-center justify-center gap-1.5 rounded-lg border-2 border-dashed border-line text-[13px] text-muted hover:border-action hover:text-action">
            <FiImage className="size-6" aria-hidden />
            {isLoading ? 'Uploading…' : 'Upload images'}
            <input
              ref={input}
              type="file"
              accept="image/png,image/jpeg,image/webp,image/avif"
              multiple
              className="sr-only"
              aria-label="Upload product images"
              onChange={(e) => void onFiles(e.target.files)}
            />
          </label>
        </li>
      </ul>
      {error && <p className="mt-1 text-[12px] font-medium text-danger">{error}</p>}
      <p className="mt-2 text-[12px] text-muted">JPEG, PNG, WebP or AVIF up to 5 MB. The first image is the cover.</p>
    </div>
  );
}

function Editor({ product }: { product?: AdminProduct }) {
  const navigate = useNavigate();
  const categories = useCategoriesQuery();
  const [createProduct] = useCreateProductMutation();
  const [saveProduct] = useSaveProductMutation();
  const [deleteProduct] = useDeleteProductMutation();
  const form = useForm<EditorValues, unknown, EditorOutput>({
    resolver: zodResolver(EditorSchema) as Resolver<EditorValues, unknown, EditorOutput>,
    defaultValues: defaults(product),
    mode: 'onTouched',
  });
  const { register, control, handleSubmit, formState, setValue, setError } = form;
  const { errors, isSubmitting } = formState;
  const variants = useFieldArray({ control, name: 'variants' });
  const categoryId = useWatch({ control, name: 'category' });
  const chosenSubs = useWatch({ control, name: 'subcategories' });
  const images = useWatch({ control, name: 'images' });
  const category = categories.data?.find((c) => c.id === categoryId);

  const onSubmit = async (values: EditorOutput) => {
    const common = {
      name: values.name,
      ...(values.slug ? { slug: values.slug } : {}),
      brand: values.brand,
      category: values.category,
      subcategories: values.subcategories.filter((s) => category?.subcategories.some((c) => c.id === s)),
      description: values.description,
      tags: values.tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      isActive: values.isActive,
      images: values.images,
    };
    const wireVariant = (v: EditorOutput['variants'][number], i: number) => ({
      label: v.label,
      ...(v.sku ? { sku: v.sku } : {}),
      barcode: v.barcode || null,
      mrp: toPaise(v.mrp),
      price: toPaise(v.price),
      maxPerOrder: v.maxPerOrder,
      sortOrder: i,
      isActive: v.isActive,
    });
    try {
      if (!product) {
        const body = { ...common, variants: values.variants.map(wireVariant) };
        // The contract is the last word: anything the form let through is named here, not by a 400.
        const checked = ProductCreate.safeParse(body);
        if (!checked.success) {
          toast.error(checked.error.issues[0]?.message ?? 'Please check the form');
          return;
        }
        const created = await createProduct(body).unwrap();
        toast.success('Product created');
        navigate(`/admin/products/${created.id}`, { replace: true });
        return;
      }
      // Product and pack sizes in one call (one transaction on the server); the form then shows exactly
      // what the server saved, so the next save or an image upload starts from the saved values.
      const saved = await saveProduct({
        id: product.id,
        body: {
          ...common,
          details: product.details,
          variants: values.variants.map((v, i) => ({ ...(v.id ? { id: v.id } : {}), ...wireVariant(v, i) })),
        },
      }).unwrap();
      form.reset(defaults(saved));
      toast.success('Saved');
    } catch (e) {
      for (const issue of fieldIssues(e)) {
        if (issue.field in form.getValues()) setError(issue.field as keyof EditorValues, { message: issue.message });
      }
      toast.error(errorMessage(e, 'Could not save the product'));
    }
  };

  const remove = async () => {
    if (!product) return;
    const ok = await confirmAction({
      title: `Delete ${product.name}?`,
      text: 'Products that appear on past orders are archived instead, so old invoices stay intact.',
      confirmText: 'Delete',
    });
    if (!ok) return;
    try {
      const result = await deleteProduct(product.id).unwrap();
      toast.success(result.result === 'archived' ? 'Archived (it is on past orders)' : 'Deleted');
      navigate('/admin/products');
    } catch (e) {
      toast.error(errorMessage(e));
    }
  };

  return (
    <form onSubmit={(e) => void handleSubmit(onSubmit)(e)} noValidate>
      <PageHeader
        title={product ? product.name : 'New product'}
        subtitle={
          <Link to="/admin/products" className="inline-flex items-center gap-1 text-action hover:underline">
            <FiArrowLeft aria-hidden /> All products
          </Link>
        }
        actions={
          <>
            {product && (
              <Button variant="danger" size="sm" onClick={() => void remove()}>
                <FiTrash2 aria-hidden /> Delete
              </Button>
            )}
            <Button type="submit" size="sm" loading={isSubmitting}>
              {product ? 'Save changes' : 'Create product'}
            </Button>
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="grid content-start gap-4 lg:col-span-2">
          <Card title="Details">
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField label="Name" {...register('name')} error={errors.name?.message} className="sm:col-span-2" />
              <TextField label="Brand" {...register('brand')} error={errors.brand?.message} />
              <TextField label="Slug" placeholder="made from the name" {...register('slug')} error={errors.slug?.message} />
              <TextAreaField label="Description" {...register('description')} error={errors.description?.message} className="sm:col-span-2" />
              <TextField label="Tags" hint="Comma separated" {...register('tags')} error={errors.tags?.message} className="sm:col-span-2" />
            </div>
          </Card>
          <Card
            title="Variants"
            actions={
              <Button
                size="sm"
                variant="outline"
                onClick={() => variants.append({ label: '', sku: '', barcode: '', mrp: '' as unknown as number, price: '' as unknown as number, maxPerOrder: 10, isActive: true })}
              >
                <FiPlus aria-hidden /> Add variant
              </Button>
            }
          >
            {errors.variants?.root?.message || errors.variants?.message ? (
              <p className="mb-2 text-[12px] font-medium text-danger">{errors.variants?.root?.message ?? errors.variants?.message}</p>
            ) : null}
            <div className="grid gap-3">
              {variants.fields.map((field, i) => {
                const e = errors.variants?.[i];
                return (
                  <fieldset key={field.id} className="grid grid-cols-2 gap-3 rounded-lg border border-line p-3 sm:grid-cols-[1.1fr_1.3fr_1.3fr_0.9fr_0.9fr_0.6fr_auto]" aria-label={`Variant ${i + 1}`}>
                    <TextField label="Pack size" placeholder="500 g" {...register(`variants.${i}.label`)} error={e?.label?.message} />
                    <TextField label="SKU" placeholder="auto" {...register(`variants.${i}.sku`)} error={e?.sku?.message} />
                    <TextField label="Barcode (EAN-13)" inputMode="numeric" placeholder="none" {...register(`variants.${i}.barcode`)} error={e?.barcode?.message} />
                    <TextField label="MRP" prefix="₹" inputMode="decimal" {...register(`variants.${i}.mrp`)} error={e?.mrp?.message} />
                    <TextField label="Price" prefix="₹" inputMode="decimal" {...register(`variants.${i}.price`)} error={e?.price?.message} />
                    <TextField label="Limit" inputMode="numeric" {...register(`variants.${i}.maxPerOrder`)} error={e?.maxPerOrder?.message} />
                    <div className="flex items-end gap-2 pb-1">
                      <label className="flex h-11 items-center gap-1.5 text-[13px]">
                        <input type="checkbox" className="size-4 accent-action" {...register(`variants.${i}.isActive`)} /> Active
                      </label>
                      <button
                        type="button"
                        aria-label={`Remove variant ${i + 1}`}
                        disabled={variants.fields.length === 1}
                        onClick={() => variants.remove(i)}
                        className="grid size-9 place-items-center rounded-lg text-danger hover:bg-danger-soft disabled:opacity-30"
                      >
                        <FiTrash2 />
                      </button>
                    </div>
                  </fieldset>
                );
              })}
            </div>
          </Card>
          <Card title="Images">
            <ImagesField value={images} onChange={(v) => setValue('images', v, { shouldDirty: true, shouldValidate: true })} error={errors.images?.message} />
          </Card>
        </div>
        <div className="grid content-start gap-4">
          <Card title="Status">
            <label className="flex items-center gap-2 text-[14px]">
              <input type="checkbox" className="size-4 accent-action" {...register('isActive')} />
              Active — shown in the shop
            </label>
          </Card>
          <Card title="Category">
            <SelectField label="Category" {...register('category', { onChange: () => setValue('subcategories', []) })} error={errors.category?.message}>
              <option value="">Choose…</option>
              {categories.data?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <fieldset className="mt-4">
              <legend className="text-[13px] font-semibold">Subcategories</legend>
              {!category ? (
                <p className="mt-1 text-[13px] text-muted">Choose a category first.</p>
              ) : category.subcategories.length === 0 ? (
                <p className="mt-1 text-[13px] text-muted">This category has no subcategories yet.</p>
              ) : (
                <div className="mt-1 grid gap-1">
                  {category.subcategories.map((s) => (
                    <label key={s.id} className="flex h-8 items-center gap-2 text-[14px]">
                      <input
                        type="checkbox"
                        className="size-4 accent-action"
                        checked={chosenSubs.includes(s.id)}
                        onChange={(e) =>
                          setValue('subcategories', e.target.checked ? [...chosenSubs, s.id] : chosenSubs.filter((x) => x !== s.id), { shouldDirty: true })
                        }
                      />
                      {s.name}
                    </label>
                  ))}
                </div>
              )}
            </fieldset>
          </Card>
        </div>
      </div>
    </form>
  );
}

export default function ProductEditorPage() {
  const { id } = useParams();
  useDocumentTitle(id ? 'Edit product · Admin' : 'New product · Admin');
  const { data, isLoading, isError, refetch } = useAdminProductQuery(id ?? '', { skip: !id, refetchOnMountOrArgChange: true });
  if (!id) return <Editor />;
  if (isError) return <ErrorState message="This product could not be loaded." onRetry={() => void refetch()} />;
  if (isLoading || !data) return <Skeleton className="h-96" />;
  return <Editor key={`${data.id}:${data.updatedAt}`} product={data} />;
}
