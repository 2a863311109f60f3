from chat_hooks import deserialize_record
from skygear_stand_ins import push_users
from skygear_stand_ins import SkygearContainer
from skygear_stand_ins import options as skyoptions
from chat_hooks import current_user_id
from chat_hooks import *


@after_message_sent
def after_message_sent_hook(message, conversation, participants):
    container = SkygearContainer(api_key=skyoptions.masterkey,
                                 user_id=current_user_id())
    message = deserialize_record(message)
    conversation = deserialize_record(conversation)
    other_user_ids = []
    current_user = None
    for record in participants:
        participant = deserialize_record(record)
        if participant.id.key == current_user_id():
            current_user = participant
        else:
            other_user_ids.append(participant.id.key)
    content = ''
    if 'body' in message:
        content = current_user['username'] + ": " + message['body']
    else:
        content = current_user['username'] + " sent you a file."
    notification = {'fcm': {
                       'notification': {
                           'title': conversation['title'],
                           'body': content
                       }
                    },
                    'apns': {
                        'aps': {
                            'alert': {
                                'title': conversation['title'],
                                'body': content
                            },
                            'from': 'skygear',
                            'operation': 'notification'
                        }
                    }
                   }
    push_users(container, other_user_ids, notification)
