// The fields of a booth's products and projects as the builder and the public booth page show them
// (and as the demo history copies them): one list, so a new field cannot reach one view and not the other.

interface ProductRow {
  id: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
}

interface ProjectText {
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  sector: string;
  stage: string;
  region: string;
  currency: string;
}

/** A project as the builder and the booth page show it. */
export interface ProjectView extends ProjectText {
  id: string;
  amountSought: number;
  attachments: { id: string; key: string; originalName: string; bytes: number }[];
}

interface ProjectRow extends Omit<ProjectView, "amountSought"> {
  amountSought: { toString(): string } | number;
}

export const productView = (p: ProductRow) => ({
  id: p.id,
  nameZh: p.nameZh,
  nameEn: p.nameEn,
  descriptionZh: p.descriptionZh,
  descriptionEn: p.descriptionEn,
});

/** A project's texts and codes, without its id, amount and files. */
export function projectText<P extends ProjectText>(p: P) {
  return {
    titleZh: p.titleZh,
    titleEn: p.titleEn,
    descriptionZh: p.descriptionZh,
    descriptionEn: p.descriptionEn,
    sector: p.sector as P["sector"],
    stage: p.stage as P["stage"],
    region: p.region,
    currency: p.currency,
  };
}

export const projectView = <P extends ProjectRow>(p: P): ProjectView => ({
  id: p.id,
  ...projectText(p),
  amountSought: Number(p.amountSought),
  attachments: p.attachments.map((a) => ({ id: a.id, key: a.key, originalName: a.originalName, bytes: a.bytes })),
});
