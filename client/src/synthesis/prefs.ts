/**
 * This person's choice to keep sensitive text folded away until they ask to see it. Kept on the
 * device (per user), on by default: nobody should meet distressing text they did not choose to read.
 */
import { createSignal, type Accessor } from 'solid-js';

const key = (userId: string) => `coreview.hideSensitive:${userId}`;

/** The preference as a signal and its setter; the choice is remembered on this device. */
export function useHideSensitive(userId: string): [Accessor<boolean>, (v: boolean) => void] {
  let initial = true;
  try {
    initial = localStorage.getItem(key(userId)) !== 'show';
  } catch {
    // storage may be disabled: keep the careful default
  }
  const [hide, setHide] = createSignal(initial);
  return [
    hide,
    (v) => {
      setHide(v);
      try {
        localStorage.setItem(key(userId), v ? 'hide' : 'show');
      } catch {
        // the choice still applies to this page
      }
    },
  ];
}
