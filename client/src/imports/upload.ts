/**
 * Uploading one search export: XMLHttpRequest, because fetch cannot report upload progress. The
 * server then streams NDJSON lines ({queued} while another import into the project runs,
 * {progress}, {reread} if it starts again as Windows-1252, {phase: 'saving'} once every record is
 * read, then {result} or {error}) while it reads the file, so one request shows both bars: sending
 * the file, then reading its records, then an indeterminate one while they are saved.
 */
import type { ParseProblem, RepeatOf } from '../../../shared/records';
import { api, ApiError, seg } from '../api/client';

/** The server's answer for one import (server/records/import.ts ImportResult). */
export interface ImportSummary {
  importId: string;
  source: string;
  format: string;
  encoding: string;
  parsed: number;
  added: number;
  duplicates: number;
  errors: ParseProblem[];
  /** SHA-256 of the file (servers before the repeat check do not send it) */
  sha256?: string;
  /** the first earlier import of the very same file into this project */
  repeatOf?: RepeatOf;
}

export type { RepeatOf } from '../../../shared/records';

/**
 * Where an upload is: sending bytes, waiting for another import into the project, or the server
 * reading them; `reread` once the server reads the file again as Windows-1252 (it was not UTF-8).
 */
export type UploadProgress = { phase: 'upload' | 'queued' | 'parse' | 'saving'; done: number; total: number; reread?: boolean; records?: number };

/** The formats the server reads; '' lets it detect the format. */
export const IMPORT_FORMATS = ['', 'ris', 'nbib', 'bibtex', 'csv', 'endnote-xml', 'wos', 'refer'] as const;
/** One of IMPORT_FORMATS. */
export type ImportFormatChoice = (typeof IMPORT_FORMATS)[number];

/** Sends one file; resolves with the summary, rejects with an ApiError carrying the server's message. */
export function uploadImport(
  pid: string,
  file: File,
  source: string,
  format: ImportFormatChoice,
  onProgress: (p: UploadProgress) => void,
): { done: Promise<ImportSummary>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<ImportSummary>((resolve, reject) => {
    const params = new URLSearchParams({ source });
    if (format) params.set('format', format);
    xhr.open('POST', `/api/projects/${seg(pid)}/imports?${params}`);
    xhr.setRequestHeader('Accept', 'application/x-ndjson');
    let seen = 0;
    let settled = false;
    let reread = false;
    // Reads the complete lines that arrived since last time.
    const readLines = () => {
      if (xhr.status !== 200) return;
      const text = xhr.responseText;
      const end = text.lastIndexOf('\n') + 1;
      if (end <= seen) return;
      for (const line of text.slice(seen, end).split('\n')) {
        if (!line.trim() || settled) continue;
        let msg: {
          queued?: boolean;
          reread?: string;
          progress?: { read: number; total: number };
          phase?: string;
          records?: number;
          result?: ImportSummary;
          error?: { code: string; message: string; status: number; fields?: Record<string, string> };
        };
        try {
          msg = JSON.parse(line);
        } catch {
          continue;
        }
        if (msg.queued) onProgress({ phase: 'queued', done: 0, total: file.size });
        if (msg.reread) {
          reread = true;
          onProgress({ phase: 'parse', done: 0, total: file.size, reread });
        }
        if (msg.progress) onProgress({ phase: 'parse', done: msg.progress.read, total: msg.progress.total, reread });
        if (msg.phase === 'saving') onProgress({ phase: 'saving', done: 0, total: 0, records: msg.records ?? 0 });
        if (msg.result) {
          settled = true;
          resolve(msg.result);
        }
        if (msg.error) {
          settled = true;
          reject(new ApiError(msg.error.status, msg.error.code, msg.error.message, msg.error.fields ?? {}));
        }
      }
      seen = end;
    };
    xhr.upload.onprogress = (e) => onProgress({ phase: 'upload', done: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.upload.onload = () => onProgress({ phase: 'parse', done: 0, total: file.size });
    xhr.onprogress = readLines;
    xhr.onload = () => {
      readLines();
      if (settled) return;
      let body: { error?: { code?: string; message?: string; fields?: Record<string, string> } } | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: fall back to the status
      }
      settled = true;
      reject(new ApiError(xhr.status, body?.error?.code ?? `http_${xhr.status}`, body?.error?.message ?? xhr.statusText, body?.error?.fields ?? {}));
    };
    xhr.onerror = () => {
      settled = true;
      reject(new ApiError(0, 'network', 'network error'));
    };
    xhr.onabort = () => {
      settled = true;
      reject(new ApiError(0, 'aborted', 'aborted'));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

/** Largest file the page fingerprints itself before sending (it is read into memory whole). */
export const HASH_LIMIT_BYTES = 50_000_000;

/**
 * The file's SHA-256 as hex, or null where the browser cannot tell cheaply: Web Crypto exists only
 * in secure contexts (https, localhost), and bigger files would be read into memory whole. The
 * server still checks every file after the import, so null only means no warning beforehand.
 */
export async function fileSha256(file: File): Promise<string | null> {
  if (!globalThis.crypto?.subtle || file.size > HASH_LIMIT_BYTES || file.size === 0) return null;
  try {
    const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  } catch {
    return null;
  }
}

/** The earlier import of a file with this SHA-256 into the project, if any (null when unknown). */
export async function findRepeat(pid: string, sha256: string): Promise<RepeatOf | null> {
  try {
    return (await api.get<{ repeatOf: RepeatOf | null }>(`/api/projects/${seg(pid)}/imports/by-hash/${sha256}`)).repeatOf;
  } catch {
    // an older server or a network blip: the server's own check after the import still warns
    return null;
  }
}

/** Where every problem of an import downloads as CSV (line, message). */
export const problemsCsvUrl = (pid: string, importId: string) => `/api/projects/${seg(pid)}/imports/${seg(importId)}/problems.csv`;
