/**
 * npm run admin:create -- --email ops@example.com --password 'long secret' [--name "Ops"]
 * Creates an admin (or promotes the account with that email) on the configured database.
 */
import '../../lib/env-file';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { Email, Password, PersonName } from '@fatafat/contracts/users';
import { bootstrap } from '../../bootstrap';
import { loadConfig } from '../../config';
import { StartupError } from '../../lib/startup-error';
import { createLogger } from '../../lib/logger';
import { createOrPromoteAdmin } from './admin-accounts';

const Args = z.object({ email: Email, password: Password, name: PersonName.optional() });

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  });
  const args = Args.safeParse(values);
  if (!args.success) {
    for (const i of args.error.issues) console.error(`--${i.path.join('.')}: ${i.message}`);
    console.error(
      'usage: npm run admin:create -- --email <email> --password <at least 8 characters> [--name <name>]',
    );
    return 2;
  }
  const config = loadConfig();
  const deps = await bootstrap(config, createLogger('warn'));
  try {
    const result = await createOrPromoteAdmin(deps.db, {
      email: args.data.email,
      password: args.data.password,
      ...(args.data.name ? { name: args.data.name } : {}),
      rounds: config.bcryptRounds,
    });
    console.log(`${result.created ? 'Created' : 'Promoted'} admin ${args.data.email} (${result.id})`);
    return 0;
  } finally {
    await deps.close();
    await deps.database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(
      err instanceof StartupError
        ? err.message
        : `admin:create failed: ${err instanceof Error ? err.message : String(err)}`,
    );
    process.exit(1);
  },
);
