import { describe, expect, it } from 'vitest';
import { fieldIssues, issuesOnFields } from './api-form';

const apiError = (details: unknown) => ({ status: 400, data: { error: { code: 'invalid_input', message: 'body.pincode: Invalid', details } } });

describe('fieldIssues', () => {
  it('when the API names fields, then each issue is keyed by the form field (the body. prefix dropped)', () => {
    expect(
      fieldIssues(
        apiError({
          issues: [
            { path: 'body.pincode', message: 'Enter a 6-digit pincode' },
            { path: 'body.line1', message: 'Required' },
          ],
        }),
      ),
    ).toEqual([
      { field: 'pincode', message: 'Enter a 6-digit pincode' },
      { field: 'line1', message: 'Required' },
    ]);
  });

  it('when the error has no field issues (a 409, a network failure, odd details), then none', () => {
    expect(fieldIssues({ status: 409, data: { error: { code: 'conflict', message: 'Email taken' } } })).toEqual([]);
    expect(fieldIssues({ status: 'FETCH_ERROR', error: 'offline' })).toEqual([]);
    expect(fieldIssues(apiError({ lines: [] }))).toEqual([]);
    expect(fieldIssues(apiError({ issues: [{ path: 3, message: 'x' }, null] }))).toEqual([]);
    expect(fieldIssues(apiError([{ path: 'body.line1', message: 'an old-style list' }]))).toEqual([]);
  });
});

describe('issuesOnFields', () => {
  it('when an issue names a field inside a list of the form (closures.0.to), then it stays on that field; unknown ones go to the form', () => {
    const issues = [
      { field: 'timeZone', message: 'not a known IANA time zone' },
      { field: 'closures.0.to', message: 'ends before it starts' },
      { field: 'weekly', message: 'too many ranges' },
      { field: 'storeId', message: 'not a store' },
    ];
    expect(issuesOnFields(issues, ['timeZone', 'weekly', 'closures']).map((i) => i.field)).toEqual(['timeZone', 'closures.0.to', 'weekly']);
  });
});
