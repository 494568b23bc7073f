import { useCallback, useEffect, useRef, useState } from 'react';
import { keyedProviderIds, type KeyStatus, type KeyedProviderId } from '../../../shared/keys';
import { useStudio } from '../../studio-context';

type PerProvider<T> = Partial<Record<KeyedProviderId, T>>;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * API keys in Settings. The page only ever learns "set, ends in 1234". A typed key stays in its
 * password field only, never in React state: a controlled input would copy it into the `value`
 * attribute, where any serialisation of the page would carry it. Saving empties the field.
 */
export function useApiKeys() {
  const studio = useStudio();
  const [status, setStatus] = useState<KeyStatus | null>(null);
  const fields = useRef<PerProvider<HTMLInputElement | null>>({});
  const [notes, setNotes] = useState<PerProvider<string>>({});
  const note = (provider: KeyedProviderId, text: string) => setNotes((prev) => ({ ...prev, [provider]: text }));

  useEffect(() => {
    studio.keys
      .status()
      .then(setStatus)
      .catch((error: unknown) => setNotes({ segmind: messageOf(error) }));
    return studio.on('keys:changed', setStatus);
  }, [studio]);

  /** Ref callback for a provider's password field. */
  const field = useCallback(
    (provider: KeyedProviderId) => (input: HTMLInputElement | null) => {
      fields.current[provider] = input;
    },
    [],
  );

  /** Saves every key typed so far; returns the first problem, or null when all were saved. */
  const saveTyped = async (): Promise<string | null> => {
    let problem: string | null = null;
    for (const provider of keyedProviderIds) {
      const input = fields.current[provider];
      const key = input?.value ?? '';
      if (!input || key.trim() === '') continue;
      try {
        setStatus(await studio.keys.set({ provider, key }));
        input.value = '';
        note(provider, '');
      } catch (error) {
        problem ??= messageOf(error);
        note(provider, messageOf(error));
      }
    }
    return problem;
  };

  const remove = async (provider: KeyedProviderId) => {
    try {
      setStatus(await studio.keys.delete({ provider }));
      note(provider, 'Removed.');
    } catch (error) {
      note(provider, messageOf(error));
    }
  };

  const test = async (provider: KeyedProviderId) => {
    note(provider, 'Checking…');
    try {
      note(provider, (await studio.keys.test({ provider })).message);
    } catch (error) {
      note(provider, messageOf(error));
    }
  };

  return { status, notes, field, saveTyped, remove, test };
}
