import { gstinCheckChar } from '@fatafat/contracts/invoices';

/**
 * Demo dark stores in Gurugram, 4–6 km apart, each serving a 3 km radius and a few pincodes, open around the
 * clock until an admin sets hours or draws a zone (the admin's Zones page).
 */
export interface SeedStore {
  slug: string;
  name: string;
  address: string;
  lat: number;
  lng: number;
  radiusKm: number;
  pincodes: string[];
  prepMinutes: number;
  /** The seller on the tax invoice: one company (one PAN), a registration per store in Haryana (06). */
  gstin: string;
  legalName: string;
  gstState: string;
  invoiceCode: string;
}

/** Fatafat's demo PAN: 4th letter C (a company), 5th F (its name). */
const PAN = 'AAFCF4821Q';
const haryanaGstin = (entity: number) => {
  const first14 = `06${PAN}${entity}Z`;
  return `${first14}${gstinCheckChar(first14)}`;
};
const seller = (entity: number, invoiceCode: string) => ({
  gstin: haryanaGstin(entity),
  legalName: 'Fatafat Quick Commerce Private Limited',
  gstState: 'Haryana',
  invoiceCode,
});

export const demoStores: SeedStore[] = [
  {
    slug: 'gurugram-sector-14',
    name: 'Fatafat Sector 14',
    address: 'Plot 212, Sector 14 Market, Gurugram, Haryana 122001',
    lat: 28.4711,
    lng: 77.0452,
    radiusKm: 3,
    pincodes: ['122001', '122017', '122008'],
    prepMinutes: 3,
    ...seller(1, 'GGN1'),
  },
  {
    slug: 'gurugram-dlf-phase-1',
    name: 'Fatafat DLF Phase 1',
    address: 'Shop 9, Qutab Plaza, DLF Phase 1, Sector 26, Gurugram, Haryana 122002',
    lat: 28.474,
    lng: 77.092,
    radiusKm: 3,
    pincodes: ['122002', '122008', '122009', '122011'],
    prepMinutes: 2,
    ...seller(2, 'GGN2'),
  },
  {
    slug: 'gurugram-sector-46',
    name: 'Fatafat Sector 46',
    address: 'Unit 4, Huda Market, Sector 46, Gurugram, Haryana 122003',
    lat: 28.435,
    lng: 77.0585,
    radiusKm: 3,
    pincodes: ['122003', '122018', '122009', '122001'],
    prepMinutes: 4,
    ...seller(3, 'GGN3'),
  },
];
