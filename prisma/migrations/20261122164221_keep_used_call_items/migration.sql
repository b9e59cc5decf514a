-- DropForeignKey
ALTER TABLE "Application" DROP CONSTRAINT "Application_learningCommunityId_fkey";

-- DropForeignKey
ALTER TABLE "Attachment" DROP CONSTRAINT "Attachment_documentKindId_fkey";

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_learningCommunityId_fkey" FOREIGN KEY ("learningCommunityId") REFERENCES "LearningCommunity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_documentKindId_fkey" FOREIGN KEY ("documentKindId") REFERENCES "DocumentKind"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
