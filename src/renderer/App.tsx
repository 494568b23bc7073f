import { useCallback, useEffect, useRef, useState } from 'react';
import type { StudioApi } from '../shared/ipc';
import type { Settings } from '../shared/settings';
import { Header } from './features/layout/Header';
import { Splitter } from './features/layout/Splitter';
import { InputsPanel } from './features/intake/InputsPanel';
import { ParametersPanel } from './features/params/ParametersPanel';
import { PreviewRegion } from './features/layout/PreviewRegion';
import { PropertiesPanel } from './features/properties/PropertiesPanel';
import { JobsPanel } from './features/jobs/JobsPanel';
import { HistoryPanel } from './features/history/HistoryPanel';
import { SettingsPanel } from './features/settings/SettingsPanel';
import { StudioProvider } from './studio-context';
import { useChosenModel } from './features/layout/useChosenModel';
import { useParamValues } from './features/params/useParamValues';
import { useIntake } from './features/intake/useIntake';
import { useWindowIntake } from './features/intake/useWindowIntake';
import { useImageChecks } from './features/intake/useImageChecks';
import { intakeProblem } from './features/intake/zones';
import { useJobs } from './features/jobs/useJobs';
import { useJobPreview } from './features/jobs/useJobPreview';
import { useGenerate } from './features/jobs/useGenerate';
import type { OpenRequest } from './viewport/ViewportView';
import type { ShownModel } from './viewport/Viewport';
import type { HistoryLink } from './features/history/HistoryPanel';
import { useSelection } from './features/history/useSelection';
import { useDuplicateLoader } from './features/history/useDuplicateLoader';
import { useResultThumbnails } from './features/history/useResultThumbnails';
import type { LibraryItem } from '../shared/library';
import { useCloseOnEscape, useShortcut } from './features/shortcuts/bindings';
import { FocusScope } from './features/shortcuts/FocusScope';
import { ShortcutsDialog } from './features/shortcuts/ShortcutsDialog';
import { useMenuCommands } from './features/shortcuts/menu-commands';

type Layout = Settings['layout'];
const fallbackLayout: Layout = { leftWidth: 300, rightWidth: 280, bottomHeight: 220 };

export function App({ studio }: { studio: StudioApi }) {
  const [layout, setLayout] = useState<Layout>(fallbackLayout);
  const layoutRef = useRef(layout);
  const [settingsOpen, setSettingsOpen] = useState(false);
  // Where focus lands in Settings: the first API key field when the welcome asked for a key.
  const [settingsFirst, setSettingsFirst] = useState<string | undefined>(undefined);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // The saved settings, fetched once at start: undefined until they arrive (or fail to).
  const [saved, setSaved] = useState<Settings | null | undefined>(undefined);
  const { model, choose } = useChosenModel(studio, saved?.lastModelId);
  const params = useParamValues(model);
  const intake = useIntake();
  const intakeNote = useWindowIntake(model, intake);
  useImageChecks(studio, model.id, intake);
  const [previewRequest, setPreviewRequest] = useState<OpenRequest | null>(null);
  const [shown, setShown] = useState<ShownModel | null>(null);
  // History's list lives in its panel (a page arriving re-renders only that); the rest reach it here.
  const historyLink = useRef<HistoryLink | null>(null);
  const linkHistory = useCallback((link: HistoryLink | null) => {
    historyLink.current = link;
  }, []);
  const selection = useSelection();
  const selectOnly = selection.only;
  // A job's model in the preview is also the job Properties shows.
  const showInPreview = useCallback((files: File[], job: { id: string }) => {
    setPreviewRequest({ files, jobId: job.id });
    selectOnly(job.id);
  }, [selectOnly]);
  const preview = useJobPreview(studio, showInPreview);
  const jobs = useJobs(studio, preview.seen);
  const { openAgain } = preview;
  const openFromHistory = useCallback((item: LibraryItem) => void openAgain(item), [openAgain]);
  const loadDuplicate = useDuplicateLoader({ choose, params, intake });
  const thumbnails = useResultThumbnails(studio, historyLink);
  const onRerun = jobs.upsert;
  const { drop } = selection;
  const onGone = useCallback((id: string) => {
    drop(id);
    historyLink.current?.remove(id);
  }, [drop]);
  const onItem = useCallback((item: LibraryItem) => historyLink.current?.replace(item), []);
  const submit = useGenerate(studio, model, params, intake.intake, jobs, preview);
  const generateProblem =
    intakeProblem(model, intake.intake) ?? (params.check.ok ? null : `Fix the parameters first. ${params.check.message}`);

  const openSettings = useCallback((first?: string) => {
    setSettingsFirst(first);
    setSettingsOpen(true);
  }, []);
  useShortcut('settings', () => openSettings());
  // The same checks as the button: nothing is sent while Generate is disabled. From the keyboard
  // the disabled button is not seen, so its reason is said where a refusal would be, until it changes.
  const [blockedBy, setBlockedBy] = useState<string | null>(null);
  useShortcut('generate', () => {
    if (generateProblem === null && !submit.sending) void submit.generate();
    else setBlockedBy(generateProblem);
  });
  const generateNote = submit.refusal ?? (blockedBy !== null && blockedBy === generateProblem ? blockedBy : null);
  useShortcut('shortcuts', () => setShortcutsOpen(true));
  useCloseOnEscape(() => setSettingsOpen(false), settingsOpen);
  useMenuCommands(studio);

  useEffect(() => {
    studio.settings
      .get()
      .then((s) => {
        layoutRef.current = s.layout;
        setLayout(s.layout);
        setSaved(s);
      })
      .catch((e: unknown) => {
        setSaved(null);
        setProblem(e instanceof Error ? e.message : String(e));
      });
  }, [studio]);

  // Sizes change continuously while dragging; only the final size is saved. The ref holds the
  // latest size between a drag event and the save that follows it, before React re-renders.
  const resize = useCallback((change: (l: Layout) => Partial<Layout>) => {
    const next = { ...layoutRef.current, ...change(layoutRef.current) };
    layoutRef.current = next;
    setLayout(next);
  }, []);
  const saveLayout = useCallback(() => {
    void studio.settings.set({ layout: layoutRef.current }).catch(() => undefined);
  }, [studio]);

  return (
    <StudioProvider value={studio}>
      <div
        className="app"
        style={{
          gridTemplateColumns: `${layout.leftWidth}px 4px 1fr 4px ${layout.rightWidth}px`,
          gridTemplateRows: `auto 1fr 4px ${layout.bottomHeight}px`,
        }}
      >
        <Header model={model} onChooseModel={choose} restoring={saved === undefined} generateProblem={generateProblem}
          sending={submit.sending} refusal={generateNote} onGenerate={() => void submit.generate()}
          onOpenSettings={() => (settingsOpen ? setSettingsOpen(false) : openSettings())} settingsOpen={settingsOpen}
          onShowShortcuts={() => setShortcutsOpen(true)}
          jobCount={submit.jobCount} progress={submit.progress} />
        <aside className="area left" aria-label="Inputs and parameters">
          <InputsPanel model={model} intake={intake} note={intakeNote}
            refusals={submit.refusals} />
          <ParametersPanel model={model} state={params} />
        </aside>
        <Splitter orientation="vertical" label="Resize left panel" className="split-left" value={layout.leftWidth} min={200} max={800}
          onDrag={(dx) => resize((l) => ({ leftWidth: clamp(l.leftWidth + dx, 200, 800) }))} onDone={saveLayout} />
        <PreviewRegion request={previewRequest} onArtistOpen={preview.artistOpened} onShown={setShown} onRequestShown={thumbnails.shown}
          onAddKey={() => openSettings('input[type="password"]')} />
        <Splitter orientation="vertical" label="Resize right panel" className="split-right" value={layout.rightWidth} min={200} max={800}
          onDrag={(dx) => resize((l) => ({ rightWidth: clamp(l.rightWidth - dx, 200, 800) }))} onDone={saveLayout} />
        <PropertiesPanel selection={selection} shown={shown} onItem={onItem} onOpen={openFromHistory} onDuplicate={loadDuplicate} onRerun={onRerun} onGone={onGone} />
        <Splitter orientation="horizontal" label="Resize bottom panel" className="split-bottom" value={layout.bottomHeight} min={120} max={800}
          onDrag={(_dx, dy) => resize((l) => ({ bottomHeight: clamp(l.bottomHeight - dy, 120, 800) }))} onDone={saveLayout} />
        <div className="area bottom">
          <JobsPanel jobs={jobs} preview={preview} onOpenSettings={() => openSettings('input[type="password"]')} />
          <HistoryPanel onLink={linkHistory} selection={selection} onOpen={openFromHistory} onDuplicate={loadDuplicate} onRerun={onRerun} onGone={onGone} />
        </div>
        {settingsOpen && (
          <FocusScope first={settingsFirst}>
            <SettingsPanel onClose={() => setSettingsOpen(false)} />
          </FocusScope>
        )}
        {shortcutsOpen && <ShortcutsDialog onClose={() => setShortcutsOpen(false)} />}
        {problem && (
          <p role="alert" className="app-problem">
            {problem}
          </p>
        )}
      </div>
    </StudioProvider>
  );
}

function clamp(value: number, min: number, max: number): number {
  return Math.round(Math.min(max, Math.max(min, value)));
}
