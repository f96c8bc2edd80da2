/** The seeded PRNG every test, bench and reliability run draws from: the camera's own, so there is one. */
export { seededRandom } from '@porthole/camera';
