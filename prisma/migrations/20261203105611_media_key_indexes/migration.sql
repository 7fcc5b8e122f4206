-- CreateIndex
CREATE INDEX "Organization_logoKey_idx" ON "Organization"("logoKey");

-- CreateIndex
CREATE INDEX "Booth_logoKey_idx" ON "Booth"("logoKey");

-- CreateIndex
CREATE INDEX "Booth_bannerKey_idx" ON "Booth"("bannerKey");

-- CreateIndex
CREATE INDEX "BoothMedia_key_idx" ON "BoothMedia"("key");

-- CreateIndex
CREATE INDEX "BoothMedia_thumbKey_idx" ON "BoothMedia"("thumbKey");

-- CreateIndex
CREATE INDEX "ProjectAttachment_key_idx" ON "ProjectAttachment"("key");

