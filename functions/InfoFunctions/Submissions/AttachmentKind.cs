namespace InfoFunctions.Submissions;

public enum AttachmentKind { Image, Document, Text, Video }
