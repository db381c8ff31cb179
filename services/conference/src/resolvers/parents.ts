/** Parents of entity references resolved elsewhere or from the directory. */
export interface JurisdictionParent {
  code: string;
}

export interface RequestRefParent {
  id: string;
}
