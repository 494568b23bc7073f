/** The whole page over a fake library (and a real core behind everything else), ready once the Model picker is. */
import { render, screen } from '@testing-library/react';
import { App } from '../../../src/renderer/App';
import { studioWithFakeLibrary } from './fake-library';

export type LibraryHarness = ReturnType<typeof studioWithFakeLibrary>;

export async function renderAppWithFakeLibrary(setup?: (fake: LibraryHarness['fake']) => void): Promise<LibraryHarness> {
  const harness = studioWithFakeLibrary();
  setup?.(harness.fake);
  render(<App studio={harness.studio} />);
  await screen.findByRole('combobox', { name: 'Model', busy: false });
  return harness;
}
