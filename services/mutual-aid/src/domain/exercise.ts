/** Drills (演练) are marked in every notification and view (DESIGN.md section 4.2); one mark for all services. */
export { EXERCISE_MARK, withExerciseMark as markExercise } from '../../../common/src/notifications';
