import { useId, useRef } from 'react';
import { useCloseOnEscape } from './bindings';
import { trapTab, useFocusInAndBack } from './focus';
import { isMacPlatform, shortcutList } from './keys';
import './shortcuts.css';

/** "?": every shortcut of the page, the 3D preview's Blender keys included. A modal list; Escape or Done closes it. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  useFocusInAndBack(box, 'button');
  useCloseOnEscape(onClose);
  const groups = shortcutList(isMacPlatform());
  return (
    <div className="shortcuts-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={box} role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} className="shortcuts-dialog" onKeyDown={(e) => trapTab(e, box.current)}>
        <div className="panel-head">
          <h2 id={`${id}-title`}>Keyboard shortcuts</h2>
          <button type="button" onClick={onClose}>Done</button>
        </div>
        {groups.map((g) => (
          <section key={g.title} aria-labelledby={`${id}-${g.title}`}>
            <h3 id={`${id}-${g.title}`}>{g.title}</h3>
            <table className="shortcuts-table">
              <tbody>
                {g.rows.map((r) => (
                  <tr key={r.keys + r.what}>
                    <th scope="row"><kbd>{r.keys}</kbd></th>
                    <td>{r.what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
    </div>
  );
}
