/**
 * MVBench's task table, as OpenGVLab/Ask-Anything `video_chat2/mvbench.ipynb` declares `data_list`:
 * task name → (annotation file under `json/`, video folder, data type, bounded by start/end). The video
 * folders are the notebook's prefixes without its `your_data_path/` placeholder, which is the dataset's
 * `video/` folder on Hugging Face (`OpenGVLab/MVBench`).
 */

export interface MvbenchFormatTask {
  file: string;
  /** Folder of the videos, relative to `--data`. */
  prefix: string;
  /** `frame`: a folder of JPEG frames per question (TVQA, 3 fps, `00001.jpg` first). */
  dataType: 'video' | 'gif' | 'frame';
  /** Questions bounded to a sub-clip by `start`/`end` (seconds). */
  bound: boolean;
}

export const mvbenchTasks = Object.freeze({
  'Action Sequence': { file: 'action_sequence.json', prefix: 'video/star/Charades_v1_480/', dataType: 'video', bound: true },
  'Action Prediction': { file: 'action_prediction.json', prefix: 'video/star/Charades_v1_480/', dataType: 'video', bound: true },
  'Action Antonym': { file: 'action_antonym.json', prefix: 'video/ssv2_video/', dataType: 'video', bound: false },
  'Fine-grained Action': { file: 'fine_grained_action.json', prefix: 'video/Moments_in_Time_Raw/videos/', dataType: 'video', bound: false },
  'Unexpected Action': { file: 'unexpected_action.json', prefix: 'video/FunQA_test/test/', dataType: 'video', bound: false },
  'Object Existence': { file: 'object_existence.json', prefix: 'video/clevrer/video_validation/', dataType: 'video', bound: false },
  'Object Interaction': { file: 'object_interaction.json', prefix: 'video/star/Charades_v1_480/', dataType: 'video', bound: true },
  'Object Shuffle': { file: 'object_shuffle.json', prefix: 'video/perception/videos/', dataType: 'video', bound: false },
  'Moving Direction': { file: 'moving_direction.json', prefix: 'video/clevrer/video_validation/', dataType: 'video', bound: false },
  'Action Localization': { file: 'action_localization.json', prefix: 'video/sta/sta_video/', dataType: 'video', bound: true },
  'Scene Transition': { file: 'scene_transition.json', prefix: 'video/scene_qa/video/', dataType: 'video', bound: false },
  'Action Count': { file: 'action_count.json', prefix: 'video/perception/videos/', dataType: 'video', bound: false },
  'Moving Count': { file: 'moving_count.json', prefix: 'video/clevrer/video_validation/', dataType: 'video', bound: false },
  'Moving Attribute': { file: 'moving_attribute.json', prefix: 'video/clevrer/video_validation/', dataType: 'video', bound: false },
  'State Change': { file: 'state_change.json', prefix: 'video/perception/videos/', dataType: 'video', bound: false },
  'Fine-grained Pose': { file: 'fine_grained_pose.json', prefix: 'video/nturgbd/', dataType: 'video', bound: false },
  'Character Order': { file: 'character_order.json', prefix: 'video/perception/videos/', dataType: 'video', bound: false },
  'Egocentric Navigation': { file: 'egocentric_navigation.json', prefix: 'video/vlnqa/', dataType: 'video', bound: false },
  'Episodic Reasoning': { file: 'episodic_reasoning.json', prefix: 'video/tvqa/frames_fps3_hq/', dataType: 'frame', bound: true },
  'Counterfactual Inference': { file: 'counterfactual_inference.json', prefix: 'video/clevrer/video_validation/', dataType: 'video', bound: false },
} as const satisfies Record<string, MvbenchFormatTask>);
