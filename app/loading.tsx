export default function Loading() {
  return (
    <div className="fr-container fr-py-6w" role="status" aria-live="polite">
      <p>Chargement en cours…</p>
    </div>
  );
}
