"use client";

// Shown when even the layout fails: plain HTML, no design system.
export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <html lang="fr">
      <head>
        <title>Service indisponible - AMI PTCE</title>
      </head>
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
        <h1>Le service est momentanément indisponible</h1>
        <p>Réessayez dans quelques instants. Vos données enregistrées ne sont pas perdues.</p>
        <button type="button" onClick={reset}>
          Réessayer
        </button>
      </body>
    </html>
  );
}
