/** The team's public datasets (../shared/data beside the repo), which tests import as real users would. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Absolute path of the datasets folder. */
export const DATA_DIR = join(import.meta.dirname, '../../../shared/data');

/** The bytes of a dataset file, by its path inside the datasets folder. */
export const dataFile = (path: string) => readFileSync(join(DATA_DIR, path));
