/**
 * The shape of modelship's table of SageMaker framework container images (the data is in `table.generated.ts`).
 * It mirrors the facts of the SageMaker Python SDK's image tables, reduced to what inference needs.
 */

/** One container image line: one framework version (or, for Hugging Face, one base framework version). */
export interface ImageVersion {
  /** The ECR repository name, e.g. `pytorch-inference`. */
  readonly repository: string;
  /** Index into {@link ImageTable.accounts}: which AWS account hosts the repository in which region. */
  readonly accounts: number;
  /**
   * Processors with their own image, named in the tag (`cpu`, `gpu`). Absent when the framework lists them for all
   * its versions (see {@link FrameworkImages.processors}), or when one image serves every instance type and the tag
   * names no processor (XGBoost 1.2-1 and later).
   */
  readonly processors?: readonly string[];
  /** Python versions, named in the tag (`py310`). Absent when the tag names none. */
  readonly pyVersions?: readonly string[];
  /** The tag's trailing part per processor, e.g. `{ gpu: 'cu118-ubuntu20.04', cpu: 'ubuntu22.04' }`. */
  readonly containerVersions?: Readonly<Record<string, string>>;
}

/** The inference images of one framework. */
export interface FrameworkImages {
  /** Processors of every version of this framework, when they are the same for all. */
  readonly processors?: readonly string[];
  /** Short versions accepted for full ones, e.g. `'2.1'` → `'2.1.0'`. */
  readonly aliases: Readonly<Record<string, string>>;
  /** Every version, in the order the SDK lists them (oldest first). */
  readonly versions: Readonly<Record<string, ImageVersion>>;
}

/** One `transformers` version of the Hugging Face inference images. */
export interface HuggingFaceVersion {
  /** Short base framework versions, e.g. `'pytorch2.1'` → `'pytorch2.1.0'`. */
  readonly baseAliases: Readonly<Record<string, string>>;
  /** The images, by base framework and version, e.g. `'pytorch2.1.0'`. */
  readonly bases: Readonly<Record<string, ImageVersion>>;
}

/** The Hugging Face (transformers) inference images, which sit on a base framework (PyTorch or TensorFlow). */
export interface HuggingFaceImages {
  readonly processors: readonly string[];
  /** Short `transformers` versions, e.g. `'4.37'` → `'4.37.0'`. */
  readonly aliases: Readonly<Record<string, string>>;
  readonly versions: Readonly<Record<string, HuggingFaceVersion>>;
}

/** The frameworks modelship resolves images for. */
export interface ImageFrameworks {
  readonly sklearn: FrameworkImages;
  readonly xgboost: FrameworkImages;
  readonly pytorch: FrameworkImages;
  readonly tensorflow: FrameworkImages;
  readonly huggingface: HuggingFaceImages;
}

/** All the facts image resolution needs. */
export interface ImageTable {
  /** The date of the SDK snapshot the table was built from (YYYY-MM-DD). */
  readonly snapshot: string;
  /** The DNS suffix of regions outside `amazonaws.com` (China, the isolated partitions). */
  readonly dnsSuffixes: Readonly<Record<string, string>>;
  /** Region → registry account maps. Each distinct map is stored once; image versions refer to it by index. */
  readonly accounts: readonly Readonly<Record<string, string>>[];
  readonly frameworks: ImageFrameworks;
}
