export * from './meetingReport';
