export function JobsPanel() {
  return (
    <section className="panel jobs" aria-labelledby="jobs-title">
      <h2 id="jobs-title">Jobs</h2>
      <ul aria-labelledby="jobs-title" className="job-list" />
      <p className="hint">Jobs you start appear here while they run.</p>
    </section>
  );
}
