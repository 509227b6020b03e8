/** Earlier imports as the server lists them, and a lead's corrections to them: rename the source, remove the import. */
import type { ImportItem, ImportRemovalPreview } from '../../../shared/records';
import { api, seg } from '../api/client';

/** An import as GET /imports lists it. */
export type PastImport = ImportItem;

const base = (pid: string, iid: string) => `/api/projects/${seg(pid)}/imports/${seg(iid)}`;

/** The project's imports, oldest first. */
export const listImports = (pid: string) => api.get<{ imports: PastImport[] }>(`/api/projects/${seg(pid)}/imports`).then((r) => r.imports);

/** Renames an import's source database (lead only). */
export const renameImport = (pid: string, iid: string, source: string) => api.patch<{ import: PastImport }>(base(pid, iid), { source }).then((r) => r.import);

/** What removing an import would do, or why it cannot be removed (lead only). */
export const removalPreview = (pid: string, iid: string) => api.get<ImportRemovalPreview>(`${base(pid, iid)}/removal-preview`);

/** Removes an import and its records (lead only); 409 `import_in_use` once work was done on them. */
export const removeImport = (pid: string, iid: string) =>
  api.delete<{ removed: { importId: string; records: number; staying: number; promoted: string[] } }>(base(pid, iid)).then((r) => r.removed);
