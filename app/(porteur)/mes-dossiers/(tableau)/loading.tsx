import { PageLoading } from "@/components/layout/loading";

// Only the list has a loading boundary: a page that may answer "not found" (a dossier) must decide
// before anything is streamed, or the answer would go out with status 200.
export default PageLoading;
