import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { errorResponse, refuseCrossSite } from "@/lib/http";

const handler = NextAuth(authOptions);

// Sign-in and sign-out from another site are refused before NextAuth's own CSRF token is even looked at.
async function POST(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  try {
    refuseCrossSite(request);
  } catch (error) {
    return errorResponse(error);
  }
  return handler(request, context);
}

export { handler as GET, POST };
