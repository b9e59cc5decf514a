// A call named inside a French sentence. Pure.

/**
 * « l'appel à manifestation d'intérêt « … » 2025 » for a title starting with « Appel » (its first letter
 * lowered after the elision), else « l'appel « AMI PTCE 2025 » »: « Résultats de … », « lauréat de … ».
 */
export function theCall(title: string): string {
  return /^appel\b/i.test(title) ? `l'a${title.slice(1)}` : `l'appel « ${title} »`;
}
