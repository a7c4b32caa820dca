import { z } from 'zod';

// Form schemas; mirror the API's validation so people see the same rule before they submit.
export const LoginSchema = z.object({
  email: z.email('Enter a valid email address'),
  password: z.string().min(1, 'Enter your password'),
});
export type LoginValues = z.infer<typeof LoginSchema>;

export const PasswordSchema = z
  .string()
  .min(8, 'Use at least 8 characters')
  .max(128, 'Use at most 128 characters');

export const RegisterSchema = z.object({
  name: z.string().trim().min(2, 'Enter your name').max(80, 'That name is too long'),
  email: z.email('Enter a valid email address'),
  password: PasswordSchema,
});
export type RegisterValues = z.infer<typeof RegisterSchema>;

export const MobileSchema = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, '').replace(/^\+91/, ''))
  .pipe(z.string().regex(/^[6-9]\d{9}$/, 'Enter a 10-digit mobile number'));

export const OtpCodeSchema = z.string().regex(/^\d{4,6}$/, 'Enter the code we sent you');

export const ForgotSchema = z.object({ email: z.email('Enter a valid email address') });
export type ForgotValues = z.infer<typeof ForgotSchema>;

export const ResetSchema = z
  .object({ password: PasswordSchema, confirm: z.string() })
  .refine((values) => values.password === values.confirm, {
    message: 'Passwords do not match',
    path: ['confirm'],
  });
export type ResetValues = z.infer<typeof ResetSchema>;

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password'),
    newPassword: PasswordSchema,
    confirm: z.string(),
  })
  .refine((values) => values.newPassword === values.confirm, {
    message: 'Passwords do not match',
    path: ['confirm'],
  });
export type ChangePasswordValues = z.infer<typeof ChangePasswordSchema>;
