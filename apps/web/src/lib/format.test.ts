import { describe, expect, it } from 'vitest';
import { discountPercent, formatMoney, plural } from './format';

describe('formatMoney', () => {
  it('when the amount is whole rupees, then it hides the paise', () => {
    expect(formatMoney(4500)).toBe('₹45');
    expect(formatMoney(120000)).toBe('₹1,200');
  });

  it('when the amount has paise, then it shows two decimals', () => {
    expect(formatMoney(4550)).toBe('₹45.50');
    expect(formatMoney(5)).toBe('₹0.05');
  });

  it('when the amount is zero, then it reads ₹0', () => {
    expect(formatMoney(0)).toBe('₹0');
  });
});

describe('discountPercent', () => {
  it('when price is below MRP, then it rounds the saving to a whole percent', () => {
    expect(discountPercent(4000, 5000)).toBe(20);
    expect(discountPercent(2900, 3300)).toBe(12);
  });

  it('when there is no saving (or no MRP), then it is 0', () => {
    expect(discountPercent(5000, 5000)).toBe(0);
    expect(discountPercent(5000, 0)).toBe(0);
  });
});

describe('plural', () => {
  it('when the count is one, then the noun is singular', () => {
    expect(plural(1, 'item')).toBe('1 item');
    expect(plural(2, 'item')).toBe('2 items');
  });
});
