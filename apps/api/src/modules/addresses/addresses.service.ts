/**
 * A user's delivery addresses. At most one is the default (a partial unique index guarantees it); changing
 * the default clears the old one in the same transaction. The first address becomes the default, and
 * deleting the default promotes the newest remaining one, so a user with addresses always has a default.
 */
import { MAX_ADDRESSES, type Address } from '@fatafat/contracts/addresses';
import type { Db } from '../../db/client';
import { conflict, notFound } from '../../http/errors';
import * as repo from './addresses.repository';
import type { AddressRow, AddressValues } from './addresses.repository';

export interface AddressInput {
  label?: 'home' | 'work' | 'other' | undefined;
  name?: string | undefined;
  phone?: string | undefined;
  line1?: string | undefined;
  line2?: string | null | undefined;
  landmark?: string | null | undefined;
  city?: string | undefined;
  state?: string | undefined;
  pincode?: string | undefined;
  lat?: number | null | undefined;
  lng?: number | null | undefined;
  isDefault?: boolean | undefined;
}

export function toAddress(row: AddressRow): Address {
  return {
    id: row.id,
    label: row.label,
    name: row.name,
    phone: row.phone,
    line1: row.line1,
    line2: row.line2,
    landmark: row.landmark,
    city: row.city,
    state: row.state,
    pincode: row.pincode,
    lat: row.lat,
    lng: row.lng,
    isDefault: row.isDefault,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Only the fields that were given; empty optional text becomes null. */
function valuesOf(input: AddressInput): Partial<AddressValues> {
  const out: Partial<AddressValues> = {};
  for (const [key, value] of Object.entries(input) as Array<[keyof AddressInput, unknown]>) {
    if (value === undefined || key === 'isDefault') continue;
    (out as Record<string, unknown>)[key] =
      value === '' && (key === 'line2' || key === 'landmark') ? null : value;
  }
  return out;
}

export function createAddressesService(db: Db) {
  return {
    async list(userId: string): Promise<Address[]> {
      return (await repo.listAddresses(db, userId)).map(toAddress);
    },

    async create(
      userId: string,
      input: AddressInput &
        Required<Pick<AddressInput, 'label' | 'name' | 'phone' | 'line1' | 'city' | 'state' | 'pincode'>>,
    ): Promise<Address> {
      const row = await db.transaction(async (tx) => {
        await repo.lockOwner(tx, userId);
        const count = await repo.countAddresses(tx, userId);
        if (count >= MAX_ADDRESSES) {
          throw conflict(
            `You can keep at most ${MAX_ADDRESSES} addresses; delete one first`,
            undefined,
            'limit_reached',
          );
        }
        const makeDefault = input.isDefault === true || count === 0;
        if (makeDefault) await repo.clearDefault(tx, userId);
        return repo.insertAddress(tx, userId, {
          ...(valuesOf(input) as AddressValues),
          isDefault: makeDefault,
        });
      });
      return toAddress(row);
    },

    async update(userId: string, id: string, input: AddressInput): Promise<Address> {
      const row = await db.transaction(async (tx) => {
        await repo.lockOwner(tx, userId);
        const current = await repo.findAddress(tx, userId, id);
        if (!current) throw notFound('Address');
        const values = valuesOf(input);
        if (input.isDefault === true && !current.isDefault) {
          await repo.clearDefault(tx, userId, id);
          values.isDefault = true;
        }
        // Unsetting the default is done by choosing another one; a lone `false` keeps the invariant.
        return Object.keys(values).length ? repo.updateAddress(tx, userId, id, values) : current;
      });
      return toAddress(row!);
    },

    async setDefault(userId: string, id: string): Promise<Address> {
      return this.update(userId, id, { isDefault: true });
    },

    async remove(userId: string, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        await repo.lockOwner(tx, userId);
        const deleted = await repo.deleteAddress(tx, userId, id);
        if (!deleted) throw notFound('Address');
        if (deleted.isDefault) {
          const next = await repo.newestAddress(tx, userId);
          if (next) await repo.updateAddress(tx, userId, next.id, { isDefault: true });
        }
      });
    },
  };
}
