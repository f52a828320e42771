import {fileURLToPath} from 'node:url'

/** The dataset that ships with the repository, as the site's build reads it by default. */
export const BUNDLED_DATASET_FILE = fileURLToPath(new URL('../../../site/content/dataset.ndjson', import.meta.url))
