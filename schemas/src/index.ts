import {article} from './documents/article.ts'

/** Every schema type of the content model, in the order the Studio lists them. */
export const schemaTypes = [article]
