import { PageLoading } from "@/components/layout/loading";

export default PageLoading;
