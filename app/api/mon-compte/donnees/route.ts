import { sameSiteActor } from "@/lib/auth/session";
import { documentDownload, errorResponse } from "@/lib/http";
import { exportPersonalData } from "@/lib/users/mutations";

// The signed-in person's own data, as a ZIP (RGPD): only ever their own. Asked from another site (an
// image pointing here), it is refused: each export is counted and audited.
export async function GET(request: Request) {
  try {
    const { zip, fileName } = await exportPersonalData(await sameSiteActor(request));
    return documentDownload(zip, fileName, "application/zip");
  } catch (error) {
    return errorResponse(error);
  }
}
