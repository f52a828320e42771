/**
 * Who can use the stand-in: users with a bearer token each, their project roles and the dataset
 * grants the Studio checks before it offers editing and publishing.
 */
import {randomBytes} from 'node:crypto'

/** A Studio user of the stand-in. */
export interface StandInUser {
  /** The Sanity user ID (what `identity()` and `useCurrentUser().id` return). */
  id: string
  name: string
  email: string
  /** Project role: `administrator` and `editor` may write everything, `viewer` only read. */
  role: 'administrator' | 'editor' | 'viewer'
  /**
   * The `_id` of a published `clinicalReviewer` this user signs as. The stand-in only checks the
   * profile exists: the link itself is the repository's signers file (`schemas/review-signers.json`).
   */
  signsAs?: string
  /** The bearer token; a random one when omitted. */
  token?: string
}

/** A user with their token settled. */
export type AuthenticatedUser = StandInUser & {token: string}

/** The demo's two users: an editor and the clinician linked to Dr. Kate Smith's profile. */
export const DEMO_USERS: readonly StandInUser[] = [
  {id: 'demo-editor', name: 'Erin Editor', email: 'editor@demo.invalid', role: 'editor'},
  {
    id: 'demo-clinician',
    name: 'Kate Smith',
    email: 'clinician@demo.invalid',
    role: 'editor',
    signsAs: 'clinicalReviewer-kate-smith',
  },
]

/** A token long enough for the Studio to accept it (it checks for 32+ characters). */
export function newToken(): string {
  return `standin${randomBytes(24).toString('hex')}`
}

const ROLE_TITLES = {administrator: 'Administrator', editor: 'Editor', viewer: 'Viewer'} as const

/** `/users/me` and `/projects/<id>/users/<ids>` as the API answers them. */
export function userResource(user: StandInUser) {
  return {
    id: user.id,
    name: user.name,
    displayName: user.name,
    familyName: user.name.split(' ').at(-1),
    givenName: user.name.split(' ')[0],
    email: user.email,
    profileImage: null,
    imageUrl: null,
    provider: 'stand-in',
    sanityUserId: user.id,
    role: user.role,
    roles: [{name: user.role, title: ROLE_TITLES[user.role]}],
    isCurrentUser: true,
    isRobot: false,
  }
}

/** A project member, as `/projects/<id>` lists them. */
export function memberResource(user: StandInUser, current: StandInUser | undefined) {
  return {
    id: user.id,
    role: user.role,
    roles: [{name: user.role, title: ROLE_TITLES[user.role]}],
    isRobot: false,
    isCurrentUser: user.id === current?.id,
    createdAt: '2026-01-01T00:00:00Z',
  }
}

/** The dataset ACL (`/projects/<id>/datasets/<ds>/acl`) for a role: filters and permissions. */
export function datasetGrants(role: StandInUser['role'] | undefined) {
  const all = '_id in path("**")'
  if (role === 'administrator' || role === 'editor') {
    return [{filter: all, permissions: ['read', 'create', 'history', 'update']}]
  }
  return [{filter: all, permissions: ['read', 'history']}]
}

/** Project grants (`/projects/<id>/grants`): resource type → grants with their config. */
export function projectGrants(role: StandInUser['role'] | undefined) {
  const writer = role === 'administrator' || role === 'editor'
  const grant = (names: string[]) => names.map((name) => ({name, params: {}}))
  return {
    'sanity.document.filter': [
      {
        grants: grant(writer ? ['read', 'create', 'update', 'history'] : ['read', 'history']),
        config: {filter: '_id in path("**")'},
      },
    ],
    'sanity.project': [{grants: grant(['read']), config: {}}],
    'sanity.project.datasets': [{grants: grant(['read']), config: {}}],
  }
}
