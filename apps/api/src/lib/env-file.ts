/**
 * Loads `.env` from the repository root (beside `.env.example`), then one in the working directory, for
 * every entry point; a variable already in the environment always wins.
 */
import path from 'node:path';
import dotenv from 'dotenv';
import { repoRoot } from './repo-root';

dotenv.config({ path: [path.join(repoRoot(), '.env'), path.resolve('.env')], quiet: true });
