/** Words for the workspace helpers' refusals (WorkspaceError codes), in the reader's language. */
import { DuplicateNameError, WorkspaceError } from '../../../shared/workspace';
import { errorMessage } from '../api/errors';
import { t, type MessageKey } from '../i18n';

const KNOWN: Record<string, MessageKey> = {
  empty_text: 'syn.error.empty_text',
  too_long: 'syn.error.too_long',
  empty_name: 'syn.error.empty_name',
  cycle: 'syn.error.cycle',
  same_code: 'syn.error.same_code',
  not_found: 'syn.error.not_found',
  bad_span: 'syn.error.bad_span',
  empty_comment: 'syn.error.empty_comment',
  bad_comment: 'syn.error.bad_comment',
  not_author: 'syn.error.not_author',
};

/** A sentence for anything a workspace edit threw. */
export function workspaceErrorText(err: unknown): string {
  if (err instanceof DuplicateNameError) return t(err.code === 'duplicate_theme' ? 'syn.error.duplicate_theme' : 'syn.error.duplicate_code', { name: err.existingName });
  if (err instanceof WorkspaceError) {
    const key = KNOWN[err.code];
    return key ? t(key) : err.message;
  }
  return errorMessage(err);
}
