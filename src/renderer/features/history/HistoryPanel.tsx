import { useState } from 'react';

export function HistoryPanel() {
  const [query, setQuery] = useState('');
  return (
    <section className="panel history" aria-labelledby="history-title">
      <div className="panel-head">
        <h2 id="history-title">History</h2>
        <input
          type="search"
          aria-label="Search history"
          placeholder="Search history"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <p className="hint">Everything you generate is kept here, offline.</p>
    </section>
  );
}
