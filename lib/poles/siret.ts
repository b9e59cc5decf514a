// SIRET numbers (14 digits: the 9-digit SIREN of the company, then the 5-digit NIC of the
// establishment). Pure functions, usable in client forms and on the server.

/** SIREN of La Poste, whose establishments do not follow the Luhn key. */
export const LA_POSTE_SIREN = "356000000";

/** Removes every space (ordinary, non-breaking, narrow) typed or pasted inside a SIRET: "732 829 320 00074" -> "73282932000074". */
export function normalizeSiret(input: string): string {
  return input.replace(/[\s\u00a0\u202f]/g, "");
}

/** True when `digits` (a string of digits) passes the Luhn checksum. */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Every second digit from the right is doubled.
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * A valid SIRET: exactly 14 digits (give it a normalized value) passing the Luhn checksum.
 * Exception (INSEE): the establishments of La Poste (SIREN 356000000) are numbered so that the sum of
 * the 14 digits is a multiple of 5; its head office 35600000000048 keeps a valid Luhn key, so a La Poste
 * SIRET is accepted under either rule.
 */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (luhnValid(value)) return true;
  if (value.startsWith(LA_POSTE_SIREN)) {
    const digitSum = [...value].reduce((s, c) => s + Number(c), 0);
    return digitSum % 5 === 0;
  }
  return false;
}
