import {readFile} from 'node:fs/promises'
import type {APIRoute, GetStaticPaths, InferGetStaticPropsType} from 'astro'
import {loadContent} from '../../data/content.ts'

/**
 * Images not yet uploaded to Sanity (a WordPress import's files, for example), copied into the
 * site from `CONTENT_IMAGES_DIR` under names made from their bytes. Only the files the content
 * layer checked and the pages use are here.
 */
export const getStaticPaths = (async () => {
  const {localImages} = await loadContent()
  return localImages.map((image) => ({
    params: {file: image.path.slice(image.path.lastIndexOf('/') + 1)},
    props: {file: image.file},
    // The name is made from the file's bytes: the same name, the same file, reused by incremental builds.
    cacheKey: image.path,
  }))
}) satisfies GetStaticPaths

type Props = InferGetStaticPropsType<typeof getStaticPaths>

// The preview server reads live content, whose images are on Sanity's CDN: it serves no files.
export const GET: APIRoute<Props> = async ({props}) =>
  props.file ? new Response(await readFile(props.file)) : new Response(null, {status: 404})
