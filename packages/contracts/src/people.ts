/** Store people: pickers, riders and store managers, created by admins and (pickers, riders) by managers. */
import { z } from 'zod';
import { Id, Mobile } from './common';
import { Email, Password, PersonName } from './users';

export const StoreRole = z.enum(['picker', 'rider', 'staff']);
export type StoreRole = z.infer<typeof StoreRole>;

export const CreatePersonBody = z
  .object({
    role: StoreRole,
    storeId: Id,
    name: PersonName,
    email: Email.optional(),
    mobile: Mobile.optional(),
    /** Without one, the person signs in by mobile OTP or sets a password through "forgot password". */
    password: Password.optional(),
  })
  .strict()
  .refine((b) => b.email !== undefined || b.mobile !== undefined, {
    message: 'give an email or a mobile number to sign in with',
    path: ['email'],
  })
  .refine((b) => b.password === undefined || b.email !== undefined, {
    message: 'a password signs in with an email: give the email too',
    path: ['password'],
  });
export type CreatePersonBody = z.input<typeof CreatePersonBody>;

export const Person = z.object({
  id: Id,
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  role: StoreRole,
  store: z.object({ id: Id, name: z.string() }),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type Person = z.infer<typeof Person>;

export const PersonResponse = z.object({ person: Person });
export type PersonResponse = z.infer<typeof PersonResponse>;

export const PeopleQuery = z
  .object({
    /** Admins may filter by store; a manager always sees their own store. */
    storeId: Id.optional(),
    role: StoreRole.optional(),
  })
  .strict();
export type PeopleQuery = z.infer<typeof PeopleQuery>;

export const PeopleResponse = z.object({ items: z.array(Person) });
export type PeopleResponse = z.infer<typeof PeopleResponse>;

export const PersonPatch = z.object({ disabled: z.boolean() }).strict();
export type PersonPatch = z.infer<typeof PersonPatch>;
