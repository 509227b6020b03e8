/** Comments on a theme (workspace `comments`, target `{kind: 'theme'}`): conversations with replies, live. */
import * as W from '../../../shared/workspace';
import { t } from '../i18n';
import { conversationsOf } from './comments';
import { idPart } from './live';
import { TargetComments } from './TargetComments';
import { useThemes } from './themesContext';

/** The comment thread of one theme. */
export function ThemeComments(props: { themeId: string; themeName: string }) {
  const ctx = useThemes();
  const target: W.CommentTarget = { kind: 'theme', themeId: props.themeId };
  return (
    <TargetComments
      target={target}
      read={(d) => conversationsOf(W.thread(d, target))}
      label={t('syn.comments.yours', { theme: props.themeName })}
      me={ctx.me()}
      say={ctx.say}
      base={`tc-${idPart(props.themeId)}`}
      testid="theme-comments"
    />
  );
}
