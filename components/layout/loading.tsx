/** Shown while a page's data loads. */
export function PageLoading() {
  return (
    <div className="fr-container fr-py-6w" role="status" aria-live="polite">
      <p>Chargement en cours…</p>
    </div>
  );
}
