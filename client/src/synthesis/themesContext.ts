/** What every node of the themes tree shares: the model, quotes, people, and the move actions. */
import { createContext, useContext, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import type { Me, Peer } from './live';
import type { QuoteView, ThemesModel } from './themesModel';

/** The themes page's shared values. */
export interface ThemesContextValue {
  doc: Accessor<Y.Doc | undefined>;
  model: Accessor<ThemesModel>;
  quotes: Accessor<QuoteView[]>;
  peers: Accessor<Peer[]>;
  me: Accessor<Me>;
  hideSensitive: Accessor<boolean>;
  /** the node being dragged, if any */
  dragging: Accessor<string | null>;
  setDragging: (id: string | null) => void;
  /** moves a node under `parent` (null = top level) at `index`, announces it and keeps focus on it */
  move: (id: string, parent: string | null, index?: number) => void;
  say: (text: string) => void;
  codeName: (id: string) => string;
}

const ThemesContext = createContext<ThemesContextValue>();

/** Provider for the page's shared values. */
export const ThemesProvider = ThemesContext.Provider;

/** The page's shared values; only inside ThemesPage. */
export function useThemes(): ThemesContextValue {
  const ctx = useContext(ThemesContext);
  if (!ctx) throw new Error('useThemes outside ThemesPage');
  return ctx;
}
