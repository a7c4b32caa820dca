/**
 * Forms that talk to the API: react-hook-form validated by the contract's Zod schema, and one way to show
 * what the API answered — an issue about a field under that field, anything else above the submit button
 * (`errors.root`, rendered by FormError).
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type FieldValues, type Path, type UseFormProps, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { errorDetails, errorMessage } from './api';

/** The API's per-field issues (400 invalid_input: `details: { issues: [{ path: 'body.email', message }] }`). */
export function fieldIssues(error: unknown): Array<{ field: string; message: string }> {
  const issues = (errorDetails(error) as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((d: unknown) => {
    const issue = d as { path?: unknown; message?: unknown } | null;
    return issue && typeof issue.path === 'string' && typeof issue.message === 'string'
      ? [{ field: issue.path.replace(/^body\./, ''), message: issue.message }]
      : [];
  });
}

/**
 * The issues that belong to a field of the form: `timeZone`, or `closures.0.to` inside the form's
 * `closures` list (react-hook-form's own dotted paths); the rest are the form's.
 */
export function issuesOnFields(issues: Array<{ field: string; message: string }>, fields: readonly string[]) {
  return issues.filter((issue) => fields.includes(issue.field.split('.')[0]!));
}

export function useApiForm<In extends FieldValues, Out>(
  schema: z.ZodType<Out, In>,
  /** Gets the form too, e.g. to reset it after a success. */
  submit: (values: Out, form: UseFormReturn<In, unknown, Out>) => Promise<unknown>,
  fallback: string,
  options: Omit<UseFormProps<In, unknown, Out>, 'resolver'> = {},
) {
  const form = useForm<In, unknown, Out>({ resolver: zodResolver(schema), ...options });
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await submit(values, form);
    } catch (error) {
      const fields = Object.keys(form.getValues());
      const onFields = issuesOnFields(fieldIssues(error), fields);
      for (const issue of onFields) form.setError(issue.field as Path<In>, { message: issue.message });
      if (!onFields.length) form.setError('root', { message: errorMessage(error, fallback) });
    }
  });
  return { ...form, onSubmit };
}
