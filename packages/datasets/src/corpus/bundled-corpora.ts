/** A corpus shipped inside the package (in its `corpora` folder). */
export interface BundledCorpus {
  /** The name `loadCorpus` accepts. */
  readonly name: string;
  /** The file, relative to the package root; serve it to a browser and `fetchCorpus` its URL. */
  readonly file: string;
  /** Its size in bytes. */
  readonly bytes: number;
  /** Its sha256, hex. */
  readonly sha256: string;
  /** Where it comes from. */
  readonly provenance: string;
}

/** The corpora shipped with the package, by name. */
export const bundledCorpora: Readonly<Record<string, BundledCorpus>> = {
  tinyshakespeare: {
    name: 'tinyshakespeare',
    file: 'corpora/tinyshakespeare.txt',
    bytes: 1115394,
    sha256: '86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed',
    provenance: "karpathy/char-rnn's data/tinyshakespeare/input.txt; Shakespeare's plays, public domain",
  },
};

/** The names `loadCorpus` accepts besides file paths. */
export const corpusNames: readonly string[] = Object.keys(bundledCorpora);
