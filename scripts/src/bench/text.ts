/**
 * Plausible article prose for the benchmark corpus, assembled from phrases about treatment and
 * recovery. It only has to cost what real prose costs to store, query and render: sentence
 * lengths, word lengths and punctuation close to an editor's, not meaning.
 */
import type {Random} from './prng.ts'

const openers = [
  '',
  '',
  '',
  'In practice,',
  'For many people,',
  'Over time,',
  'Research suggests that',
  'During treatment,',
  'In our experience,',
  'At this stage,',
  'Just as importantly,',
  'Clinicians often find that',
]

const subjects = [
  'people in early recovery',
  'family members',
  'a structured program',
  'group therapy',
  'the care team',
  'many patients',
  'an intensive outpatient program',
  'evidence-based treatment',
  'a written relapse prevention plan',
  'peer support',
  'individual counseling',
  'a consistent daily routine',
  'medication-assisted treatment',
  'a step-down plan after residential care',
  'regular check-ins with a counselor',
  'cognitive-behavioral therapy',
]

const verbs = [
  'can strengthen',
  'often improves',
  'helps build',
  'supports',
  'reduces the risk of losing',
  'makes room for',
  'reinforces',
  'teaches',
  'gradually restores',
  'protects',
  'gives structure to',
  'keeps attention on',
]

const objects = [
  'coping skills for high-risk situations',
  'accountability between sessions',
  'healthy routines at home',
  'trust with loved ones',
  'the motivation to stay engaged',
  'honest conversations about cravings',
  'sleep, nutrition and exercise',
  'the skills learned in residential care',
  'a sense of progress',
  'communication within the family',
  'stability at work and school',
  'emotional regulation under stress',
]

const tails = [
  '',
  '',
  'over the first few months',
  'while keeping work and family commitments',
  'without the need for an overnight stay',
  'according to recent clinical studies',
  'when it is practiced every week',
  'long after formal treatment ends',
  'in ways that are easy to measure',
  'for people with co-occurring conditions',
]

const titleTopics = [
  'Intensive Outpatient Programs',
  'Partial Hospitalization',
  'Medical Detox',
  'Residential Treatment',
  'Aftercare Planning',
  'Family Therapy',
  'Dialectical Behavior Therapy',
  'Motivational Interviewing',
  'Trauma-Informed Care',
  'Relapse Prevention',
  'Sober Living',
  'Co-Occurring Disorders',
  'Alcohol Use Disorder',
  'Opioid Recovery',
  'Peer Support Groups',
]

const titleAngles = [
  'What to Expect in the First Month',
  'A Guide for Families',
  'How to Know It Is the Right Level of Care',
  'Questions to Ask Before You Enroll',
  'Balancing Treatment With Work',
  'What the Research Says',
  'Myths and Facts',
  'How Insurance Coverage Works',
  'Building a Routine That Lasts',
  'Stepping Down Safely',
]

const headings = [
  'What to expect in the first week',
  'How the weekly schedule works',
  'Who benefits most',
  'Costs and insurance coverage',
  'Building a support network',
  'Signs it is time for more support',
  'Questions to ask a provider',
  'How progress is measured',
  'The role of family',
  'Planning for life after treatment',
  'Common obstacles and how to handle them',
  'What the evidence shows',
]

const subheadings = [
  'Morning and evening options',
  'Working with your employer',
  'Talking with children',
  'When cravings return',
  'Coordinating with a primary care doctor',
  'Choosing a sober living home',
  'Keeping a recovery journal',
  'Finding a local meeting',
]

const listItems = [
  'Attend every scheduled group and individual session',
  'Keep a short daily log of moods and cravings',
  'Name two people you can call on a difficult day',
  'Agree on a plan for weekends and holidays',
  'Ask your counselor about medication options',
  'Schedule regular sleep and meal times',
  'Remove alcohol and unused prescriptions from the home',
  'Review your progress with the care team each month',
  'Plan transportation to sessions in advance',
  'Learn the early warning signs of relapse',
  'Involve family in at least one session',
  'Set one realistic goal for the coming week',
]

/** One sentence of 8 to 24 words, capitalised and ending in a full stop. */
export function sentence(random: Random): string {
  const words = [
    random.pick(openers),
    random.pick(subjects),
    random.pick(verbs),
    random.pick(objects),
    random.pick(tails),
  ]
    .filter((part) => part !== '')
    .join(' ')
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`
}

/** Sentences until at least `minWords` words. */
export function prose(random: Random, minWords: number): string {
  const sentences: string[] = []
  let words = 0
  while (words < minWords) {
    const next = sentence(random)
    sentences.push(next)
    words += countWords(next)
  }
  return sentences.join(' ')
}

/** An article title. */
export function title(random: Random): string {
  return `${random.pick(titleTopics)}: ${random.pick(titleAngles)}`
}

/** `count` distinct section headings. */
export function sectionHeadings(random: Random, count: number): string[] {
  return random.sample(headings, count)
}

/** One sub-section heading. */
export function subheading(random: Random): string {
  return random.pick(subheadings)
}

/** `count` distinct list items. */
export function bulletItems(random: Random, count: number): string[] {
  return random.sample(listItems, count)
}

/** Words as a reader would count them: runs separated by whitespace. */
export function countWords(text: string): number {
  const trimmed = text.trim()
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length
}

/** A URL slug: lower-case words joined by single hyphens. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}
