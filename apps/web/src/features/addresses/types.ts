import type { Address as ContractAddress, AddressBody } from '@fatafat/contracts/addresses';

export type Address = ContractAddress;
export type AddressLabel = Address['label'];
export type AddressInput = AddressBody;

export function addressLine(address: Pick<Address, 'line1' | 'line2' | 'city' | 'pincode'>): string {
  return [address.line1, address.line2, address.city, address.pincode].filter(Boolean).join(', ');
}
