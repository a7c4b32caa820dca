// The schema, assembled from one file per domain. Drizzle-kit reads this file to generate migrations.
export * from './users';
export * from './catalog';
export * from './orders';
export * from './system';
export * from './floor';
export * from './dispatch';
export * from './money';
