-- CreateEnum
CREATE TYPE "SelectionMethod" AS ENUM ('MERIT_ORDER', 'MAX_SCORE');

-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "adjustLastGrant" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "decisionsJustification" TEXT,
ADD COLUMN     "grantorName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "grantorSiret" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "qualityThreshold" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reserveListLength" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "selectionMethod" "SelectionMethod" NOT NULL DEFAULT 'MERIT_ORDER';

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "adjusted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "meritRank" INTEGER,
ADD COLUMN     "passOverReason" TEXT,
ADD COLUMN     "score" INTEGER;
